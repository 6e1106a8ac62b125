import Build
import ContentStore
import Foundation
import Images
import Render
import TabiCore

/// Builds the trips a run must publish, and only those: their photos' derivatives (reusing every
/// one the bucket already has, so only new photos are fetched and encoded) and their pages, into
/// a work folder of the run's own. Nothing is kept after the run.
struct TripBuilder: Sendable {
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

    struct Outcome: Sendable {
        var trips: [Built]
        /// Derivatives encoded in this run (files in `work`), to upload.
        var encodedFiles: [String]
        var encoded: Int
        var reused: Int
    }

    func build(_ items: [TripPlan.Item], published: PublishedDerivatives, work: URL) async -> Outcome {
        let contents = items.compactMap(\.content)
        let jobs = contents.flatMap { content in content.trip.photos.map { PhotoJob(tripSlug: content.trip.slug, photo: $0) } }
        let maker = DerivativeMaker(
            recipes: renderer.imageRecipes, limits: limits, media: media, output: work,
            concurrency: concurrency)
        let batch = await maker.make(jobs, published: published)
        var photoFailures: [String: [BuildFailure]] = [:]
        for failure in batch.failures {
            photoFailures[failure.tripSlug, default: []].append(
                BuildFailure(trip: failure.tripSlug, file: failure.file, reason: "photo \(failure.photoId): \(failure.reason)"))
        }
        var built: [Built] = []
        for item in items {
            guard let content = item.content else { continue }
            var failures = photoFailures[item.slug] ?? []
            var pages: [SiteFile] = [], listing: ListingEntry?
            do {
                let render = try renderer.renderTripPage(content, renditions: batch.renditions)
                pages = render.files
                listing = render.listing
                failures += render.problems.map {
                    BuildFailure(trip: $0.slug, file: $0.file, reason: ($0.post.map { "\($0): " } ?? "") + $0.reason)
                }
            } catch {
                failures.append(BuildFailure(trip: item.slug, file: nil, reason: "\(error)"))
            }
            var photos: [String: PublishedPhoto] = [:]
            var media: Set<String> = []
            for photo in content.trip.photos {
                guard let renditions = batch.renditions[photo.id], let source = batch.sources[photo.id] else { continue }
                photos[photo.id] = PublishedPhoto(source: source, renditions: renditions)
                media.formUnion(([renditions.thumbnail, renditions.medium] + renditions.responsive).map(\.path))
            }
            built.append(Built(item: item, pages: pages, media: media.sorted(), photos: photos, listing: listing, failures: failures))
        }
        let folder = ConfinedFolder(work)
        let encodedFiles = batch.files.filter { if case .file = folder.kind(of: $0) { true } else { false } }.sorted()
        return Outcome(trips: built, encodedFiles: encodedFiles, encoded: batch.encoded, reused: batch.reused)
    }
}
