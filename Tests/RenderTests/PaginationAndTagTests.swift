import Foundation
import Render
import TabiCore
import TestSupport
import Testing

/// The home page in pages of `pagination.pageSize` trips, and a page per tag.
@Suite struct PaginationAndTagTests {
    static func trips(_ count: Int, tags: (Int) -> [String] = { _ in [] }) -> [TripContent] {
        (1...count).map { day in
            let trip = Trip(
                id: "t\(day)", slug: "day-\(day)", title: "Day \(day)",
                startDate: CalendarDate(year: 2024, month: 1 + day / 28, day: 1 + day % 28))
            let story = Story(frontMatter: StoryFrontMatter(title: "Day \(day)", tags: tags(day)), body: "Day \(day).")
            return TripContent(trip: trip, story: story)
        }
    }

    static func site(_ trips: [TripContent], pageSize: Int) throws -> RenderedSite {
        var config = TripFixtures.config
        config.pagination = PaginationSettings(pageSize: pageSize)
        return try RenderedSite.fixtures(trips: trips, config: config)
    }

    static func cards(_ html: String) -> [String] {
        Markup.matches("<h2 dir=\"auto\"><a href=\"(?:\\.\\./)*trips/([a-z0-9-]+)/\">", in: html).map { $0[1] }
    }

    @Test func theHomePageIsSplitIntoPagesNewestFirst() throws {
        let site = try Self.site(Self.trips(45), pageSize: 20)
        let pages = ["index.html", "page/2/index.html", "page/3/index.html"].map { Self.cards(site.text($0)) }
        #expect(pages.map(\.count) == [20, 20, 5])
        #expect(pages.flatMap { $0 } == (1...45).reversed().map { "day-\($0)" })
        #expect(!site.paths.contains("page/4/index.html") && !site.paths.contains("page/1/index.html"))

        let first = site.text("index.html"), second = site.text("page/2/index.html"), last = site.text("page/3/index.html")
        #expect(first.contains("<a href=\"page/2/\" rel=\"next\">") && !first.contains("rel=\"prev\""))
        #expect(second.contains("<a href=\"../../\" rel=\"prev\">") && second.contains("<a href=\"../../page/3/\" rel=\"next\">"))
        #expect(last.contains("<a href=\"../../page/2/\" rel=\"prev\">") && !last.contains("rel=\"next\""))
        #expect(second.contains("<link rel=\"canonical\" href=\"https://travel.example.com/blog/page/2/\">"))
        #expect(second.contains("Page 2 of 3"))
        // Its assets are found from two folders down.
        #expect(Markup.matches("href=\"(\\.\\./\\.\\./assets/style\\.[0-9a-f]{8}\\.css)\"", in: second).count == 1)
    }

    @Test func aSiteThatFitsOnePageHasNoPager() throws {
        let site = try Self.site(Self.trips(3), pageSize: 20)
        #expect(!site.text("index.html").contains("class=\"pager\""))
        #expect(!site.paths.contains { $0.hasPrefix("page/") })
    }

    @Test func eachTagHasItsPagesAndTagsLinkToThem() throws {
        // Every third trip is about food, spelt two ways; every trip is a day out.
        let trips = Self.trips(7) { $0 % 3 == 0 ? [$0 == 6 ? "Food" : "food", "day out"] : ["day out"] }
        let site = try Self.site(trips, pageSize: 2)
        #expect(Self.cards(site.text("tags/food/index.html")) == ["day-6", "day-3"])
        #expect(!site.paths.contains("tags/food/page/2/index.html"))
        #expect(Self.cards(site.text("tags/day-out/index.html")) == ["day-7", "day-6"])
        #expect(Self.cards(site.text("tags/day-out/page/4/index.html")) == ["day-1"])
        // The newest trip's spelling names the tag.
        #expect(site.text("tags/food/index.html").contains("<h1 dir=\"auto\">Trips tagged “Food”</h1>"))
        let index = site.text("tags/index.html")
        #expect(index.contains("<a href=\"../tags/day-out/\" dir=\"auto\">day out</a> <span class=\"count\">7 trips</span>"), "\(index)")
        #expect(index.contains("<span class=\"count\">2 trips</span>"))
        // Trip pages and cards link to their tags.
        #expect(site.page("day-6").contains("<a href=\"../../tags/food/\" dir=\"auto\">Food</a>"))
        #expect(site.text("index.html").contains("<a href=\"tags/day-out/\" dir=\"auto\">day out</a>"))
        // The sitemap names every tag's first page and the tags index.
        let sitemap = try FeedDocument.parse(site.text("sitemap.xml")).locations
        for path in ["tags/", "tags/food/", "tags/day-out/"] { #expect(sitemap.contains("https://travel.example.com/blog/\(path)")) }
        #expect(!sitemap.contains { $0.contains("/page/") })
    }

    @Test func anUnlistedTripIsOnNoTagPageAndItsTagsLinkNowhere() throws {
        var secret = TripFixtures.unlisted
        secret.story = Story(frontMatter: StoryFrontMatter(title: "Secret", tags: ["japan", "only-secret"]), body: "Shh.")
        let site = try RenderedSite.fixtures(trips: TripFixtures.all.filter { $0.trip.id != secret.trip.id } + [secret])
        #expect(!site.paths.contains("tags/only-secret/index.html"))
        for (path, text) in site.htmlPages where path.hasPrefix("tags/") {
            #expect(!text.contains(secret.trip.slug), "\(path) names the unlisted trip")
        }
        let page = site.page(secret.trip.slug)
        #expect(page.contains("<span dir=\"auto\">japan</span>") && !page.contains("tags/japan"))
        #expect(!site.text("tags/index.html").contains("only-secret"))
    }

    @Test func aTagWithNoLetterStillGetsAnAddress() throws {
        let site = try Self.site(Self.trips(1) { _ in ["🍜", "<script>"] }, pageSize: 20)
        let tagPages = site.paths.filter { $0.hasPrefix("tags/") && $0 != "tags/index.html" }
        #expect(tagPages.count == 2, "\(tagPages)")
        #expect(tagPages.allSatisfy { path in path.utf8.allSatisfy { $0 < 0x80 } })
        #expect(!site.text("tags/index.html").contains("<script>"))
    }
}
