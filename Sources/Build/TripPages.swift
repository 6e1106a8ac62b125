import Concurrency
import ContentStore
import Foundation
import Render
import TabiCore

/// The trip pages of a build: the trips that changed read again and rendered, each page written as
/// soon as it is made (so a build holds a few trips and pages at a time, not the site), and the pages the last build left
/// for the others (``PageCache``) given new links when their neighbours changed. Every trip's
/// place in the listings is known before the first render, from its files alone
/// (``ListingEntry/placement(of:)``), so each page is written once, with its links.
struct TripPages {
    /// What was made for a rendered trip.
    struct Made {
        var files: [String]
        var listing: ListingEntry?
        /// ``TripNeighbours/key`` of the links its page carries; nil for a page with none.
        var neighbours: String?
    }

    /// Slug → what was made, for each rendered trip.
    var made: [String: Made] = [:]
    var problems: [RenderProblem] = []
    /// Every public trip's listing entry, rendered or reused.
    var listings: [ListingEntry] = []
    /// The reused trips, with the links their pages carry now.
    var cached: [String: CachedTrip] = [:]
    /// Files written (new bytes), and files left as they were (same bytes, or a reused trip's).
    var written = 0
    var unchanged = 0
    var failures: [BuildFailure] = []
    /// Trips a file of which could not be written or relinked: not to be reused.
    var unwritten: Set<String> = []
    /// Trips whose files could not be read again (changed or gone since they were outlined):
    /// their previous output is kept as it is, as a broken trip's.
    var unreadable: Set<String> = []

    /// Reads `trips` again through `loader`, renders and writes them `concurrency` at a time, and
    /// relinks the `reused` pages whose neighbours changed. Throws only for what stops a whole
    /// build (a slug that is not one).
    static func build(
        _ trips: [TripOutline], loader: ContentLoader, reused: [String: CachedTrip],
        renderer: SiteRenderer, renditions: [String: PhotoRenditions], output: URL,
        concurrency: Int
    ) async throws(BuildError) -> TripPages {
        let placements = trips.compactMap(\.placement) + reused.values.compactMap { $0.listing?.placement }
        let neighbours = TripNeighbours.of(placements.sortedNewestFirst())
        var pages = TripPages()
        var stop: RenderError?
        await slidingWindow(trips.count, concurrency: concurrency, canStart: { stop == nil }) { index -> Outcome in
            let content: TripContent
            do throws(ContentError) { content = try loader.read(trips[index].slug) } catch { return .unreadable(error) }
            do throws(RenderError) {
                var page = try renderer.renderTripPage(content, renditions: renditions)
                page.files = renderer.linking(page.files, of: page.listing, among: neighbours)
                return .rendered(page)
            } catch {
                return .failed(error)
            }
        } collect: { index, result in
            let slug = trips[index].slug
            switch result {
            case .rendered(let page):
                pages.write(page, slug: slug, links: page.listing.flatMap { neighbours[$0.id] }?.key, output: output)
            case .unreadable(let error):
                pages.unreadable.insert(slug)
                pages.failures.append(BuildFailure(trip: slug, file: error.file, reason: error.reason))
            case .failed(let error):
                stop = stop ?? error
            }
        }
        if let stop { throw .render(stop) }
        pages.relink(reused, neighbours: neighbours, renderer: renderer, output: output)
        return pages
    }

    /// What became of one trip in the render window.
    private enum Outcome: Sendable {
        case rendered(TripPageRender)
        case unreadable(ContentError)
        case failed(RenderError)
    }

    private mutating func write(_ page: TripPageRender, slug: String, links: String?, output: URL) {
        problems += page.problems
        if let listing = page.listing { listings.append(listing) }
        made[slug] = Made(files: page.files.map(\.path), listing: page.listing, neighbours: links)
        let counts = OutputWriter(output: output).write(page.files)
        written += counts.written
        unchanged += counts.unchanged
        failures += counts.failures
        if !counts.failures.isEmpty { unwritten.insert(slug) }
    }

    /// Puts new links into each reused page whose neighbours changed: read from `output` and
    /// written back with only its links changed.
    private mutating func relink(
        _ reused: [String: CachedTrip], neighbours: [String: TripNeighbours],
        renderer: SiteRenderer, output: URL
    ) {
        let folder = ConfinedFolder(output)
        cached.reserveCapacity(cached.count + reused.count)
        for slug in reused.keys.sorted() {
            guard var trip = reused[slug] else { continue }
            if let listing = trip.listing { listings.append(listing) }
            let around = trip.listing.flatMap { neighbours[$0.id] }
            guard around?.key != trip.neighbours, let around else {
                unchanged += trip.files.count
                cached[slug] = trip
                continue
            }
            let path = SiteRenderer.tripPagePath(slug)
            do {
                let page = try folder.read(path)
                if let data = renderer.withNeighbours(page, slug: slug, around), data != page {
                    _ = try AtomicFile.write(data, to: output.appendingPathComponent(path))
                    written += 1
                    unchanged += trip.files.count - 1
                } else {
                    unchanged += trip.files.count
                }
                trip.neighbours = around.key
                cached[slug] = trip
            } catch {
                // Left out of the cache: the next build renders the trip again.
                failures.append(
                    BuildFailure(
                        trip: slug, file: output.appendingPathComponent(path).path,
                        reason: "cannot put the links to its neighbours in: \(error)"))
            }
        }
    }
}
