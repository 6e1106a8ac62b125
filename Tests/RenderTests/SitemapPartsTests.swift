import Foundation
import Render
import TabiCore
import TestSupport
import Testing

/// A sitemap holds 50,000 URLs at most: a larger site gets an index at `sitemap.xml` and parts.
@Suite struct SitemapPartsTests {
    static let base = "https://travel.example.com/blog/"

    /// `count` public trips, one a day from 2020-01-01 back, newest first.
    static func placements(_ count: Int) -> [ListingPlacement] {
        let day = 86_400.0, first = Date(timeIntervalSince1970: 1_577_836_800)
        return (0..<count).map { n in
            ListingPlacement(
                id: "t\(n)", slug: "trip-\(n)", title: "Trip \(n)", startDate: nil,
                updated: Timestamp(first.addingTimeInterval(-day * Double(n))), tags: [])
        }
    }

    static func sitemap(_ listed: [ListingPlacement]) throws -> [SiteFile] {
        let renderer = try SiteRenderer(config: TripFixtures.config, theme: Theme.load(from: RepositoryPaths.defaultTheme))
        return renderer.renderSitemap(listed, pages: ListingPages.make(listed, pageSize: renderer.pageSize))
    }

    static func parse(_ file: SiteFile) throws -> FeedDocument {
        try FeedDocument.parse(String(decoding: file.data, as: UTF8.self))
    }

    @Test func fiftyThousandAddressesStayInOneFile() throws {
        // The home page and 49,999 trips.
        let files = try Self.sitemap(Self.placements(49_999))
        #expect(files.map(\.path) == ["sitemap.xml"])
        let sitemap = try Self.parse(files[0])
        #expect(sitemap.rootName == "urlset")
        #expect(sitemap.locations.count == 50_000)
    }

    @Test func moreAreListedInPartsUnderAnIndex() throws {
        let listed = Self.placements(60_000)
        let files = try Self.sitemap(listed)
        #expect(files.map(\.path) == ["sitemap.xml", "sitemaps/1.xml", "sitemaps/2.xml"])

        let index = try Self.parse(files[0])
        #expect(index.rootName == "sitemapindex")
        #expect(index.namespace == "http://www.sitemaps.org/schemas/sitemap/0.9")
        #expect(index.locations == [Self.base + "sitemaps/1.xml", Self.base + "sitemaps/2.xml"])

        let parts = try files.dropFirst().map(Self.parse)
        #expect(parts.map(\.rootName) == ["urlset", "urlset"])
        #expect(parts.map(\.locations.count) == [50_000, 10_001])
        // Every address once, in the order of a single sitemap: home first, then the trips.
        #expect(parts.flatMap(\.locations) == [Self.base] + listed.map { Self.base + "trips/\($0.slug)/" })
        // Each part's date in the index is its newest address's.
        #expect(index.lastModified == parts.map { $0.lastModified.max() ?? "" })
        #expect(index.lastModified == ["2020-01-01T00:00:00Z", "1883-02-09T00:00:00Z"], "trip 49,999 opens the second part")
    }
}
