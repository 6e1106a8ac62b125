import Build
import ContentStore
import Foundation
import Images
import Render
import TabiCore

/// Builds the trips a run must publish, and only those: their photos' derivatives (reusing every
/// one the bucket already has, so only new photos are fetched and encoded), into a work folder of
/// the run's own, then their pages, a trip at a time (``TripPublisher`` puts each group of pages
/// up before it asks for the next). Nothing is kept after the run.
struct TripBuilder: Sendable {
    /// Where the trips are read again, for their pages.
    let content: ContentDirectory
    let renderer: SiteRenderer
    let limits: ImageLimits
    let media: any MediaSource
    let concurrency: Int

    /// One trip, built.
    struct Built: Sendable {
        var item: TripPlan.Item
        var pages: [SiteFile]
        /// Every derivative its pages show.
        var media: [String]
        var photos: [String: PublishedPhoto]
        var listing: ListingEntry?
        var failures: [BuildFailure]
    }

    /// The derivatives of the photos of the trips a run builds.
    struct Photos: Sendable {
        var batch: DerivativeBatch
        /// Trip slug → its photos that failed.
        var failures: [String: [BuildFailure]]
        /// Derivatives encoded in this run (files in the work folder), to upload.
        var encodedFiles: [String]
    }

    /// Makes (or finds among `published`) the derivatives of the photos of `items`.
    func photos(of items: [TripPlan.Item], published: PublishedDerivatives, work: URL) async -> Photos {
        guard !items.isEmpty else { return Photos(batch: DerivativeBatch(), failures: [:], encodedFiles: []) }
        let jobs = items.flatMap { item in item.photos.map { PhotoJob(tripSlug: item.slug, photo: $0) } }
        let maker = DerivativeMaker(
            recipes: renderer.imageRecipes, limits: limits, media: media, output: work, concurrency: concurrency)
        let batch = await maker.make(jobs, published: published)
        var failures: [String: [BuildFailure]] = [:]
        for failure in batch.failures {
            failures[failure.tripSlug, default: []].append(
                BuildFailure(trip: failure.tripSlug, file: failure.file, reason: "photo \(failure.photoId): \(failure.reason)"))
        }
        let folder = ConfinedFolder(work)
        let encodedFiles = batch.files.filter { if case .file = folder.kind(of: $0) { true } else { false } }.sorted()
        return Photos(batch: batch, failures: failures, encodedFiles: encodedFiles)
    }

    /// The pages of one of the trips `photos` were made for, from its files read again: they must
    /// be those the plan hashed (what is built is what is recorded), or the trip fails this run
    /// and the next one builds it.
    func render(_ item: TripPlan.Item, photos: Photos) -> Built {
        let batch = photos.batch
        var built = Built(item: item, pages: [], media: [], photos: [:], listing: nil, failures: photos.failures[item.slug] ?? [])
        let trip: TripContent
        do {
            let (tripJSON, storyBytes) = try TripPlan.files(of: item.slug, in: content)
            guard TripInputs.contentHash(tripJSON: tripJSON, story: storyBytes) == item.files else {
                built.failures.append(
                    BuildFailure(
                        trip: item.slug, file: nil,
                        reason: "trip.json or story.md changed while this run was building it; the next run builds it"))
                return built
            }
            var story: Story?
            if let storyBytes { story = try content.story(item.slug, from: storyBytes) }
            trip = TripContent(trip: try content.trip(item.slug, from: tripJSON), story: story)
        } catch {
            built.failures.append(BuildFailure(trip: item.slug, file: error.file, reason: error.reason))
            return built
        }
        do {
            let render = try renderer.renderTripPage(trip, renditions: batch.renditions)
            built.pages = render.files
            built.listing = render.listing
            built.failures += render.problems.map {
                BuildFailure(trip: $0.slug, file: $0.file, reason: ($0.post.map { "\($0): " } ?? "") + $0.reason)
            }
        } catch {
            built.failures.append(BuildFailure(trip: item.slug, file: nil, reason: "\(error)"))
        }
        var media: Set<String> = []
        for photo in trip.trip.photos {
            guard let renditions = batch.renditions[photo.id], let source = batch.sources[photo.id] else { continue }
            built.photos[photo.id] = PublishedPhoto(source: source, renditions: renditions)
            media.formUnion(([renditions.thumbnail, renditions.medium] + renditions.responsive).map(\.path))
        }
        built.media = media.sorted()
        return built
    }
}
