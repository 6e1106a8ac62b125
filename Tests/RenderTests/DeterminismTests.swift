import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// Same input, same bytes: no build time, no input-order or machine dependence.
@Suite struct DeterminismTests {
    @Test func renderingTwiceGivesIdenticalFiles() throws {
        let first = try RenderedSite.fixtures()
        let second = try RenderedSite.fixtures()
        #expect(first.files == second.files)
        #expect(first.paths == first.paths.sorted())
    }

    @Test func inputOrderDoesNotMatter() throws {
        var shuffled = TripFixtures.all.reversed().map { $0 }
        for index in shuffled.indices {
            shuffled[index].trip.posts.reverse()
            shuffled[index].trip.destinations.reverse()
        }
        #expect(try RenderedSite.fixtures(trips: shuffled).files == RenderedSite.fixtures().files)
    }

    @Test func feedAndSitemapDatesComeFromContent() throws {
        let site = try RenderedSite.fixtures()
        let feed = try FeedDocument.parse(site.text("feed.xml"))
        #expect(feed.updated == "2024-11-12T08:00:00Z", "Kyoto's updatedAt, the newest content")
        let kyoto = try #require(feed.entries.first)
        #expect(kyoto.updated == "2024-11-12T08:00:00Z")
        // A post newer than updatedAt moves `updated` forward.
        var later = TripFixtures.lisbon
        later.trip.posts.append(Post(id: "late", timestamp: Timestamp("2024-05-02T07:08:09.123456Z")!, title: "Late"))
        let entry = try #require(FeedDocument.parse(RenderedSite.fixtures(trips: [later]).text("feed.xml")).entries.first)
        #expect(entry.updated == "2024-05-02T07:08:09Z")
        let sitemap = try FeedDocument.parse(site.text("sitemap.xml"))
        #expect(sitemap.lastModified.first == "2024-11-12T08:00:00Z")
        #expect(!site.text("feed.xml").contains(String(Timestamp(Date()).description.prefix(10))), "today's date leaked in")
    }

    @Test func partsAddUpToTheWholeSite() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let renderer = SiteRenderer(config: TripFixtures.config, theme: theme)
        var parts = renderer.assets()
        var pages: [TripPageRender] = []
        for trip in TripFixtures.all { pages.append(try renderer.renderTripPage(trip, renditions: TripFixtures.renditions)) }
        // The links between trip pages go in once every trip's place in the listings is known.
        let order = pages.compactMap(\.listing).sorted(by: ListingEntry.newestFirst).map(\.placement)
        let neighbours = TripNeighbours.of(order)
        for page in pages {
            parts += try page.files.map { file in
                guard let trip = page.listing, file.path == "trips/\(trip.slug)/index.html" else { return file }
                return SiteFile(
                    path: file.path, data: try #require(renderer.withNeighbours(file.data, slug: trip.slug, neighbours[trip.id]!)))
            }
        }
        parts += try renderer.renderListings(TripFixtures.all, renditions: TripFixtures.renditions).files
        #expect(parts.sorted { $0.path < $1.path } == (try RenderedSite.fixtures().files))
    }

    @Test func concurrentRenderingGivesTheSameFiles() async throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let renderer = SiteRenderer(config: TripFixtures.config, theme: theme)
        let many = (0..<40).flatMap { n in
            TripFixtures.all.map { content -> TripContent in
                var copy = content
                copy.trip.slug += "-\(n)"
                copy.trip.id = "\(n)-" + copy.trip.id
                return copy
            }
        }
        let serial = try renderer.render(trips: many, renditions: TripFixtures.renditions)
        let parallel = try await renderer.render(trips: many, renditions: TripFixtures.renditions, concurrency: 4)
        #expect(parallel.files == serial.files)
        #expect(parallel.problems == serial.problems)
    }

    @Test func timesAreUTCWhateverTheMachinesZone() {
        #expect(DateText.time(Timestamp("2024-11-02T09:30:59.5+09:00")!) == "00:30 UTC")
    }
}
