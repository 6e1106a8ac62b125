import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// Which trips are listed where, in which order, and what unlisted trips get.
@Suite struct ListingTests {
    @Test func unlistedTripHasANoindexPageButIsInNoListing() throws {
        let site = try RenderedSite.fixtures()
        let page = site.page("secret-weekend")
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(page.contains("Hidden onsen"))
        for path in ["index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html"] {
            #expect(!site.text(path).contains("secret-weekend"), "\(path) names the unlisted trip")
            #expect(!site.text(path).contains("Secret weekend"), "\(path) names the unlisted trip")
        }
        for slug in ["autumn-in-kyoto", "spring-in-lisbon", "porto-weekend"] {
            #expect(!site.page(slug).contains("noindex"), "\(slug) is public")
            #expect(!site.page(slug).contains("secret-weekend"))
        }
    }

    @Test func homeListsPublicTripsNewestFirst() throws {
        let home = try RenderedSite.fixtures().text("index.html")
        let links = Markup.matches("<h2 dir=\"auto\"><a href=\"trips/([a-z0-9-]+)/\">", in: home).map { $0[1] }
        #expect(links == ["autumn-in-kyoto", "spring-in-lisbon", "porto-weekend", "hostile"])
    }

    @Test func feedAndSitemapFollowTheSameOrder() throws {
        let site = try RenderedSite.fixtures()
        let feed = try FeedDocument.parse(site.text("feed.xml"))
        #expect(
            feed.entries.map(\.link)
                == ["autumn-in-kyoto", "spring-in-lisbon", "porto-weekend", "hostile"]
                .map { "https://travel.example.com/blog/trips/\($0)/" })
        let sitemap = try FeedDocument.parse(site.text("sitemap.xml"))
        #expect(sitemap.locations.first == "https://travel.example.com/blog/")
        #expect(sitemap.locations.filter { $0.contains("/trips/") } == feed.entries.map(\.link))
    }

    @Test func tiesAreBrokenByUpdateThenTitleNotInputOrder() throws {
        func trip(_ slug: String, _ title: String, start: String?, updated: String?) -> TripContent {
            TripContent(
                trip: Trip(
                    id: slug, slug: slug, title: title, startDate: start.flatMap(CalendarDate.init),
                    updatedAt: updated.flatMap(Timestamp.init)))
        }
        let trips = [
            trip("no-date", "A no date", start: nil, updated: "2025-01-01T00:00:00Z"),
            trip("b-title", "B", start: "2024-05-01", updated: "2024-06-01T00:00:00Z"),
            trip("a-title", "A", start: "2024-05-01", updated: "2024-06-01T00:00:00Z"),
            trip("newer-update", "Z", start: "2024-05-01", updated: "2024-07-01T00:00:00Z"),
            trip("newest", "M", start: "2024-08-01", updated: nil),
        ]
        let expected = ["newest", "newer-update", "a-title", "b-title", "no-date"]
        for order in [trips, trips.reversed(), trips.shuffled()] {
            let home = try RenderedSite.fixtures(trips: Array(order)).text("index.html")
            #expect(Markup.matches("<h2 dir=\"auto\"><a href=\"trips/([a-z0-9-]+)/\">", in: home).map { $0[1] } == expected)
        }
    }

    @Test func homeCardsShowCoverDatesPlacesAndSummary() throws {
        let home = try RenderedSite.fixtures().text("index.html")
        let kyoto = try #require(home.components(separatedBy: "<li class=\"trip-card\">").dropFirst().first)
        #expect(kyoto.contains("<img class=\"trip-card-cover\" src=\"media/photo-de/photo-deer-thumb.jpg\" width=\"300\" height=\"300\""))
        #expect(kyoto.contains("<time datetime=\"2024-11-02\">2–9 November 2024</time>"))
        #expect(kyoto.contains("<span dir=\"auto\">Kyoto · Nara</span>"))
        #expect(kyoto.contains("Temples, tea and red maples."))
        #expect(kyoto.contains("3 posts · 4 photos"))
    }

    @Test func robotsPointsAtTheSitemapAndNotFoundPageWorksAtAnyDepth() throws {
        let site = try RenderedSite.fixtures()
        #expect(
            site.text("robots.txt")
                == "User-agent: *\nAllow: /\nDisallow: /blog/_tabi/\n\nSitemap: https://travel.example.com/blog/sitemap.xml\n")
        let notFound = site.text("404.html")
        #expect(notFound.contains("<meta name=\"robots\" content=\"noindex\">"))
        // Served for /blog/any/depth/: links start from the base path, not from the page.
        #expect(notFound.contains("<a class=\"button\" href=\"/blog/\">"))
        #expect(Markup.matches("href=\"(/blog/assets/style\\.[0-9a-f]{8}\\.css)\"", in: notFound).count == 1)
    }

    @Test func emptySiteStillRendersEveryListing() throws {
        let site = try RenderedSite.fixtures(trips: [TripFixtures.unlisted])
        #expect(site.text("index.html").contains("No trips have been published yet."))
        let feed = try FeedDocument.parse(site.text("feed.xml"))
        #expect(feed.entries.isEmpty)
        #expect(feed.updated == "1970-01-01T00:00:00Z")
        #expect(try FeedDocument.parse(site.text("sitemap.xml")).locations == ["https://travel.example.com/blog/"])
    }

    @Test func feedCarriesTheNewestFiftyTripsButTheSitemapAll() throws {
        let trips = (1...60).map { day in
            TripContent(
                trip: Trip(
                    id: "t\(day)", slug: "day-\(day)", title: "Day \(day)",
                    startDate: CalendarDate(year: 2024, month: 1 + day / 28, day: 1 + day % 28)))
        }
        let site = try RenderedSite.fixtures(trips: trips)
        let feed = try FeedDocument.parse(site.text("feed.xml"))
        #expect(feed.entries.count == 50)
        #expect(feed.entries.first?.title == "Day 60" && feed.entries.last?.title == "Day 11")
        #expect(try FeedDocument.parse(site.text("sitemap.xml")).locations.count == 61)
    }

    @Test func anInvalidSlugIsAnErrorNamingTheTrip() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let renderer = SiteRenderer(config: TripFixtures.config, theme: theme)
        var bad = TripFixtures.lisbon
        bad.trip.slug = "../escape"
        #expect(throws: RenderError.invalidSlug(tripID: bad.trip.id, slug: "../escape")) {
            try renderer.render(trips: [bad], renditions: [:])
        }
        let message = RenderError.invalidSlug(tripID: "t1", slug: "../x").description
        #expect(message.contains("t1") && message.contains("../x"))
    }
}
