import Concurrency
import TabiCore

@testable import Render

/// The whole site rendered in one call, as the tests read it: the trip pages, listings and assets a
/// full build writes, from the same parts (``SiteRenderer/renderTripPage(_:renditions:)``, the
/// listings, the links between neighbours). The build itself renders trip by trip and keeps what
/// did not change, so these conveniences live with the tests.
extension SiteRenderer {
    /// Every file of the site: trip pages, home page, feed, sitemap, robots.txt, 404.html and the
    /// theme's hashed assets, with the text left out of them (``RenderProblem``). `renditions` maps
    /// a photo id to its derivatives; a photo without an entry is left out of the pages. Each
    /// story and post is parsed once: the listings use what the trip pages worked out.
    func render(trips: [TripContent], renditions: [String: PhotoRenditions]) throws(RenderError) -> SiteRender {
        var pages: [TripRender] = []
        for trip in trips { pages.append(try tripRender(trip, renditions: renditions)) }
        return assemble(pages, renditions: renditions)
    }

    /// The same files as ``render(trips:renditions:)``, with trip pages rendered `concurrency`
    /// at a time (a sliding window over a task group). Same bytes, same order.
    func render(
        trips: [TripContent], renditions: [String: PhotoRenditions],
        concurrency: Int
    ) async throws(RenderError) -> SiteRender {
        var pages = [Result<TripRender, RenderError>?](repeating: nil, count: trips.count)
        await slidingWindow(trips.count, concurrency: concurrency) { index in
            Result { () throws(RenderError) in try tripRender(trips[index], renditions: renditions) }
        } collect: { index, result in
            pages[index] = result
        }
        var rendered: [TripRender] = []
        for page in pages {
            switch page {
            case .success(let trip): rendered.append(trip)
            case .failure(let error): throw error
            case nil: continue
            }
        }
        return assemble(rendered, renditions: renditions)
    }

    /// The page of one trip, `trips/<slug>/index.html` (public and unlisted trips alike).
    func renderTrip(_ content: TripContent, renditions: [String: PhotoRenditions]) throws(RenderError) -> SiteRender {
        let trip = try tripRender(content, renditions: renditions)
        return SiteRender(files: trip.files, problems: trip.problems)
    }

    /// The files that list trips: `index.html`, `feed.xml`, `sitemap.xml`, plus `robots.txt` and
    /// `404.html`. Only public trips appear in them.
    func renderListings(_ trips: [TripContent], renditions: [String: PhotoRenditions]) throws(RenderError) -> SiteRender {
        let facts = trips.filter { $0.trip.visibility == .public }
            .map { TripFacts(content: $0, renditions: renditions, markdown: markdown, style: photoStyle) }
        return SiteRender(
            files: listings(facts.map { ListingEntry(facts: $0, renditions: renditions) }),
            problems: facts.flatMap(\.problems))
    }

    func assemble(_ pages: [TripRender], renditions: [String: PhotoRenditions]) -> SiteRender {
        var files = assets()
        var problems: [RenderProblem] = []
        let listed = pages.compactMap(\.listed)
        let neighbours = TripNeighbours.of(listed.sortedNewestFirst().map(\.placement))
        for page in pages {
            files += linking(page.files, of: page.listed, among: neighbours)
            problems += page.problems
        }
        files += listings(listed)
        return SiteRender(files: files.sorted { $0.path < $1.path }, problems: problems)
    }
}
