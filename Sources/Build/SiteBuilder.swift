import Concurrency
import ContentStore
import Foundation
import Images
import Logging
import Render
import TabiCore

/// The build stage: `Content/` in, `Output/` out.
///
/// It reads as its steps: load the theme and the content, make the photo derivatives, render the
/// pages, write what changed, sweep what the site no longer has. Each step keeps going past a
/// broken trip or photo and records it, so one bad file never stops the rest.
public struct SiteBuilder: Sendable {
    public let options: BuildOptions
    private let logger = Logger(label: "tabi.build")

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Runs the whole build. Throws only when nothing can be built at all (no theme, no content
    /// folder); everything else ends up in ``BuildReport/failures``.
    public func build() async throws(BuildError) -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = BuildReport()

        // MARK: - Theme, settings and content
        let theme: Theme
        do { theme = try Theme.load(from: options.theme) } catch { throw .theme(error) }
        let renderer = SiteRenderer(config: options.config, theme: theme)
        guard FileManager.default.fileExists(atPath: options.content.path) else {
            throw .contentMissing(options.content.path)
        }
        // The last build's pages of the trips that did not change stay as they are.
        let siteKey = try? PageCache.siteKey(
            config: options.config, recipes: renderer.imageRecipes,
            theme: options.theme, preview: options.preview)
        // `Output/` walked once: its links go now, its files say which trips' pages are all
        // there, and the sweep at the end removes what the site no longer has. The walk (all
        // system calls) goes on its own thread while the page records are decoded.
        let output = options.output
        async let walked = BlockingThread.run(named: "tabi-output") { OutputSweeper(output: output) }
        let cache = siteKey.map { PageCache.load(from: output, siteKey: $0) } ?? PageCache(siteKey: "")
        let sweeper = await walked
        for link in sweeper.removedLinks {
            logger.warning("removed \(options.output.path)/\(link): a symbolic link or special file in the output folder")
            report.removed.append(link)
        }
        let loader = ContentLoader(content: ContentDirectory(root: options.content), preview: options.preview)
        var loaded: ContentLoader.Loaded
        do {
            loaded = try await loader.load(reusing: cache, present: sweeper.files, concurrency: options.concurrency)
        } catch {
            throw .content(error)
        }
        let storyless = PageCache.feedTripsWithoutStory(loaded.trips, reused: loaded.reused, count: SiteRenderer.feedEntryCount)
        if !storyless.isEmpty { loader.readAgain(storyless, in: &loaded) }
        report.failures += loaded.failures
        report.trips = loaded.trips.count + loaded.reused.count
        report.tripsReused = loaded.reused.count
        for trip in loaded.trips where trip.visibility == .unlisted && !Slug.hasUnlistedToken(trip.slug, tripID: trip.id) {
            logger.warning(
                """
                trip \(trip.slug) is unlisted but its slug does not end with its token, so anyone who knows \
                its title can find its page; `tabi-press extract` moves it to \(trip.slug)-\(Slug.unlistedToken(forTripID: trip.id))
                """)
        }
        // MARK: - Photos (of the trips that changed; the others' stay in the manifest)
        let jobs = loaded.trips.flatMap { trip in trip.photos.map { PhotoJob(tripSlug: trip.slug, photo: $0) } }
        var kept = PublishedDerivatives()
        for cached in loaded.reused.values {
            kept.originals.merge(cached.originals) { first, _ in first }
            kept.derivatives.merge(cached.derivatives) { first, _ in first }
        }
        let maker = DerivativeMaker(
            recipes: renderer.imageRecipes, limits: options.config.imageLimits,
            media: options.media, output: options.output, concurrency: options.concurrency)
        let progress = options.progress
        progress?(.started(label: "photos", total: jobs.count))
        let batch = await maker.make(
            jobs, keeping: kept,
            progress: progress.map { progress in { @Sendable steps in progress(.advanced(count: steps)) } })
        progress?(.finished)
        report.photosEncoded = batch.encoded
        // An unchanged trip's derivatives are reused without being looked at.
        report.photosReused = batch.reused + loaded.reused.values.reduce(0) { $0 + $1.derivatives.count }
        report.failures += batch.failures.map {
            BuildFailure(trip: $0.tripSlug, file: $0.file, reason: $0.reason)
        }

        // MARK: - Pages
        let pages = try await TripPages.build(
            loaded.trips, loader: loader, reused: loaded.reused, renderer: renderer,
            renditions: batch.renditions, output: options.output,
            concurrency: options.concurrency)
        report.tripsRendered = loaded.trips.count - pages.unreadable.count
        report.failures += pages.problems.map {
            BuildFailure(
                trip: $0.slug, file: options.content.appendingPathComponent("trips/\($0.slug)/\($0.file)").path,
                reason: ($0.post.map { "\($0): " } ?? "") + $0.reason)
        }
        report.failures += pages.failures
        // With no listed trip changed, added or gone, the listings are what the last build wrote.
        let listingsStand = cache.listingsStand(
            reused: loaded.reused,
            renderedListed: pages.made.values.contains { $0.listing != nil },
            present: sweeper.files)
        // Otherwise a listing page is rendered again only when what it shows changed: its place
        // among its listing's pages, its trips, or the entry of one of them.
        let changedEntries = Set(
            pages.made.compactMap { slug, made -> String? in
                guard var now = made.listing else { return nil }
                var before = cache.trips[slug]?.listing
                now.storyHTML = nil
                before?.storyHTML = nil
                return now == before ? nil : now.id
            })
        var pageKeys: [String: String] = [:], pagesLeft: [String] = []
        let listingFiles =
            listingsStand
            ? []
            : renderer.listingFiles(pages.listings) { page in
                let key = PageCache.pageKey(page)
                pageKeys[page.path] = key
                guard cache.pageKeys[page.path] == key, !page.ids.contains(where: changedEntries.contains),
                    sweeper.contains(page.path)
                else { return true }
                pagesLeft.append(page.path)
                return false
            }
        let files = renderer.assets() + listingFiles
        let counts = OutputWriter(output: options.output).write(files)
        report.pagesWritten = counts.written + pages.written
        report.pagesUnchanged = counts.unchanged + pages.unchanged + (listingsStand ? cache.listingFiles.count : pagesLeft.count)
        report.failures += counts.failures

        // MARK: - What the next build may reuse
        let failedSlugs = Set(batch.failures.map(\.tripSlug)).union(pages.problems.map(\.slug))
            .union(pages.unwritten).union(pages.unreadable)
        var next = PageCache(siteKey: siteKey ?? "")
        next.readLines = cache.readLines
        next.trips = pages.cached
        // Listings not all written are rendered again next time.
        next.listingFiles =
            listingsStand ? cache.listingFiles : counts.failures.isEmpty ? (listingFiles.map(\.path) + pagesLeft).sorted() : []
        next.pageKeys = listingsStand ? cache.pageKeys : counts.failures.isEmpty ? pageKeys : [:]
        // Only public trips: an unlisted trip's address is a secret, and this file sits in
        // `Output/`, which a site owner might copy anywhere with another tool.
        for trip in loaded.trips where !failedSlugs.contains(trip.slug) && trip.visibility == .public {
            let slug = trip.slug
            guard let stamps = loaded.stamps[slug], let made = pages.made[slug] else { continue }
            var photos = PublishedDerivatives()
            for photo in trip.photos {
                if let source = batch.sources[photo.id], let renditions = batch.renditions[photo.id] {
                    photos.add(source, renditions: renditions)
                }
            }
            next.trips[slug] = CachedTrip(
                stamps: stamps, files: made.files, originals: photos.originals,
                derivatives: photos.derivatives, listing: made.listing,
                neighbours: made.neighbours)
        }
        // Twice the feed, so trips leaving it seldom mean reading others again.
        next.dropStories(keepingNewest: 2 * SiteRenderer.feedEntryCount)

        // MARK: - Sweep
        // A broken trip keeps its previous pages, and the derivatives they show; every other
        // derivative this build did not make goes, whatever else failed: a withdrawn trip's
        // photos must leave the site the same night.
        let broken = loaded.brokenSlugs.union(pages.unreadable)
        let keepFolders = Set(broken.map { "trips/\($0)" })
        var keep = Set(files.map(\.path) + next.listingFiles + pages.made.values.flatMap(\.files))
            .union(batch.files).union([DerivativeMaker.manifestPath, PageCache.relativePath])
        for cached in loaded.reused.values { keep.formUnion(cached.files + cached.derivatives.keys) }
        for slug in broken {
            keep.formUnion(KeptPageMedia.referenced(by: "trips/\(slug)/index.html", in: options.output))
        }
        report.removed = (report.removed + sweeper.sweep(keep: keep, keepFolders: keepFolders)).sorted()
        if siteKey != nil, next != cache {
            do { try next.write(to: options.output) } catch {
                // The cache only saves work: without it the next build renders every trip.
                logger.error("\(error)")
            }
        }

        // Pages and the manifest are renamed into place without an fsync each (a build can make
        // them again); one flush makes this build's writes survive a power loss.
        if report.pagesWritten > 0 || report.photosEncoded > 0 || !report.removed.isEmpty { AtomicFile.flushToDisk() }
        for failure in report.failures { logger.error("\(failure)") }
        report.duration = clock.now - start
        return report
    }
}

/// Why a build could not start at all.
public enum BuildError: Error, Sendable, CustomStringConvertible {
    case theme(ThemeError)
    case contentMissing(String)
    case content(ContentError)
    case render(RenderError)

    public var description: String {
        switch self {
        case .theme(let error): "cannot load the theme: \(error)"
        case .contentMissing(let path): "the content folder \(path) does not exist"
        case .content(let error): "cannot read the content: \(error)"
        case .render(let error): "cannot render the site: \(error)"
        }
    }
}
