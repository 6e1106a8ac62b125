import ContentStore
import Foundation
import Render
import TabiCore

/// The pages of the trips a build renders, and how they join the pages the last build left for
/// the others (``PageCache``): the links between neighbouring trips are put in once every
/// trip's place in the listings is known, into a page that was not rendered again too.
struct TripPages {
    /// Slug → the trip's files and listing entry as rendered, links not yet put in.
    var bySlug: [String: TripPageRender] = [:]
    var problems: [RenderProblem] = []

    /// Renders `trips` `concurrency` at a time. Throws only for what stops a whole build (a slug
    /// that is not one).
    static func render(_ trips: [TripContent], renderer: SiteRenderer, renditions: [String: PhotoRenditions],
                       concurrency: Int) async throws(BuildError) -> TripPages {
        var results = [Result<TripPageRender, RenderError>?](repeating: nil, count: trips.count)
        await slidingWindow(trips.count, concurrency: concurrency) { index in
            Result { () throws(RenderError) in try renderer.renderTripPage(trips[index], renditions: renditions) }
        } collect: { index, result in
            results[index] = result
        }
        var pages = TripPages()
        for (trip, result) in zip(trips, results) {
            switch result {
            case .success(let page)?:
                pages.bySlug[trip.trip.slug] = page
                pages.problems += page.problems
            case .failure(let error)?: throw .render(error)
            case nil: continue
            }
        }
        return pages
    }

    /// The whole site's trip pages once linked.
    struct Linked {
        /// The rendered trips' files, with their links: to write.
        var files: [SiteFile] = []
        /// Every public trip's listing entry, rendered or reused.
        var listings: [ListingEntry] = []
        /// The reused trips, with the links their pages carry now.
        var cached: [String: CachedTrip] = [:]
        /// Slug → the links a rendered trip's page carries (``TripNeighbours/key``).
        var neighbours: [String: String] = [:]
        /// Reused pages written again with new links, and reused files left as they were.
        var relinked = 0
        var untouched = 0
        var failures: [BuildFailure] = []
    }

    /// Puts the links into the rendered pages, and into a reused page whose neighbours changed
    /// (read from `output` and written back with only its links changed).
    func linked(with reused: [String: CachedTrip], renderer: SiteRenderer, output: URL) -> Linked {
        var linked = Linked()
        linked.listings = bySlug.values.compactMap(\.listing) + reused.values.compactMap(\.listing)
        let neighbours = TripNeighbours.of(linked.listings.sorted(by: ListingEntry.newestFirst).map(\.placement))
        for (slug, page) in bySlug.sorted(by: { $0.key < $1.key }) {
            guard let listing = page.listing, let around = neighbours[listing.id] else {
                linked.files += page.files
                continue
            }
            let path = SiteRenderer.tripPagePath(slug)
            linked.files += page.files.map { file in
                guard file.path == path, let data = renderer.withNeighbours(file.data, slug: slug, around) else { return file }
                return SiteFile(path: path, data: data)
            }
            linked.neighbours[slug] = around.key
        }
        let folder = ConfinedFolder(output)
        for (slug, var cached) in reused.sorted(by: { $0.key < $1.key }) {
            let key = cached.listing.flatMap { neighbours[$0.id] }?.key
            guard key != cached.neighbours, let around = cached.listing.flatMap({ neighbours[$0.id] }) else {
                linked.untouched += cached.files.count
                linked.cached[slug] = cached
                continue
            }
            let path = SiteRenderer.tripPagePath(slug)
            do {
                let page = try folder.read(path)
                if let data = renderer.withNeighbours(page, slug: slug, around), data != page {
                    _ = try AtomicFile.write(data, to: output.appendingPathComponent(path))
                    linked.relinked += 1
                    linked.untouched += cached.files.count - 1
                } else {
                    linked.untouched += cached.files.count
                }
                cached.neighbours = key
                linked.cached[slug] = cached
            } catch {
                // Left out of the cache: the next build renders the trip again.
                linked.failures.append(BuildFailure(trip: slug, file: output.appendingPathComponent(path).path,
                                                    reason: "cannot put the links to its neighbours in: \(error)"))
            }
        }
        return linked
    }
}
