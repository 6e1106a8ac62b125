import Build
import Foundation
import TabiCore
import TestSupport
import Testing

/// At scale a rebuild leaves what did not change in the listings too: a listing page whose trips
/// and place are the same is not rendered again, and the record keeps the story HTML the feed
/// needs only for the newest trips.
extension PageCacheTests {
    /// The fixture's trips and 110 more, one a day from 2023-01-01 (`day-0`, the oldest), each
    /// with a story of its own; 112 public trips make six home pages of 20.
    static func largeSite() throws -> SiteFixture {
        let site = try SiteFixture()
        let trips = FixtureTrips(content: site.content, media: site.media)
        for n in 0..<110 {
            try site.add(
                trip: "day-\(n)", title: "Day \(n)", start: String(format: "2023-%02d-%02d", 1 + n / 28, 1 + n % 28),
                photos: [], story: nil)
            try trips.story("day-\(n)", title: "Day \(n)", body: "The story of *day \(n)*.")
        }
        return site
    }

    @Test func aTripMovingIntoTheFeedIsReadAgainForTheStoryTheRecordLeftOut() async throws {
        let site = try Self.largeSite()
        _ = try await site.build()
        let record = try site.text("_tabi/pages.jsonl")
        // Its summary (plain text) stays; its HTML only for the 100 newest trips.
        #expect(!record.contains("<em>day 11<\\/em>"), "only the 100 newest trips' stories are kept")
        #expect(record.contains("<em>day 12<\\/em>"))

        // The 51 newest days go: the feed's 50 now end with day 11, whose story the record lacks.
        for n in 59..<110 {
            try FileManager.default.removeItem(at: site.content.appendingPathComponent("trips/day-\(n)"))
        }
        let report = try await site.build()
        #expect(!report.failed, "\(report.failures)")
        #expect(report.tripsRendered == 2, "the unlisted trip, and day 11 read again: \(report.summary)")
        let feed = try site.text("feed.xml")
        #expect(feed.contains("day 11&lt;/em&gt;") || feed.contains("day 11</em>"), "the feed shows its story")
        try await expectSameAsFromScratch(site)
    }

    @Test func aChangedTripRendersOnlyTheListingPageThatShowsIt() async throws {
        let site = try Self.largeSite()
        _ = try await site.build()
        // A mark in a page that shows none of the change: it stays only if that page is left.
        let untouched = site.output.appendingPathComponent("page/2/index.html")
        try (try site.text("page/2/index.html") + "<!-- left -->").write(to: untouched, atomically: true, encoding: .utf8)

        try FixtureTrips(content: site.content, media: site.media).story("day-5", title: "Day 5, retold", body: "Retold.")
        let report = try await site.build()
        #expect(!report.failed && report.tripsRendered == 2, "\(report.summary)")
        #expect(try site.text("page/6/index.html").contains("Day 5, retold"), "the page that shows it is rendered")
        #expect(try site.text("page/2/index.html").hasSuffix("<!-- left -->"), "a page that does not is left")

        // Without the mark (a page gone is made again) the site is what a build from scratch makes.
        try FileManager.default.removeItem(at: untouched)
        _ = try await site.build()
        try await expectSameAsFromScratch(site)
    }
}
