import Foundation
import TabiCore
import Testing

@testable import Render

/// The narrative, its front matter, drafts, and what a trip page says about posts.
@Suite struct StoryAndPostTests {
    @Test func frontMatterOverridesTripFactsAndStoryIsRendered() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        #expect(page.contains("<h1 dir=\"auto\">Autumn in Kyoto</h1>"))
        #expect(!page.contains("Kyoto trip"), "the trip's own title is replaced by the story's")
        #expect(page.contains("<p class=\"lede\" dir=\"auto\">Temples, tea and red maples.</p>"))
        #expect(page.contains("<meta name=\"description\" content=\"Temples, tea and red maples.\">"))
        #expect(page.contains("<h2 id=\"temples\">Temples</h2>"), "the story's highest level (`##`) is the page's <h2>, below its <h1>")
        #expect(page.contains("<li><a href=\"#temples\" dir=\"auto\">Temples</a></li>"), "table of contents")
        #expect(page.contains("<a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a>"))
        #expect(
            page.contains("<li><a href=\"../../tags/japan/\" dir=\"auto\">japan</a></li>")
                && page.contains("<li><a href=\"../../tags/autumn/\" dir=\"auto\">autumn</a></li>"))
    }

    @Test func draftStoryIsNotPublished() throws {
        let site = try RenderedSite.fixtures()
        let page = site.page("porto-weekend")
        #expect(!page.contains("UNPUBLISHED DRAFT PROSE"))
        #expect(!page.contains("DRAFT TITLE") && !page.contains("Draft summary"))
        #expect(!page.contains("id=\"story\""))
        #expect(page.contains("<h1 dir=\"auto\">Porto weekend</h1>"))
        #expect(page.contains("Port wine"), "posts are still on the page")
        for path in ["index.html", "feed.xml"] {
            #expect(!site.text(path).contains("DRAFT") && !site.text(path).contains("Draft summary"), "\(path)")
        }
    }

    @Test func tripWithoutStoryUsesItsOwnFacts() throws {
        let page = try RenderedSite.fixtures().page("spring-in-lisbon")
        #expect(page.contains("<h1 dir=\"auto\">Spring in Lisbon</h1>"))
        #expect(page.contains("<p class=\"lede\" dir=\"auto\">Trams and tiles.</p>"))
        #expect(!page.contains("id=\"story\""))
    }

    @Test func postsAreInTimeOrderWithDateTimeAndPlace() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let anchors = Markup.matches("<article class=\"post\" id=\"([a-z0-9-]+)\">", in: page).map { $0[1] }
        #expect(anchors == ["post-post-1", "post-post-2", "post-post-3"])
        #expect(page.contains("<time datetime=\"2024-11-02T09:30:00Z\">09:30 UTC</time></a><span dir=\"auto\">Kyoto</span>"))
        #expect(page.contains("Landed at KIX, took the <em>Haruka</em> to Kyoto."))
        #expect(page.contains("<h4 dir=\"auto\">Fushimi Inari at dawn</h4>"))
        #expect(
            page.contains("<h5 id=\"post-post-2-the-summit\">The summit</h5>"),
            "post headings are prefixed and nested under the post's <h4>")
    }

    @Test func postsAreADayByDayTimelineNumberedFromTheTripsStart() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        // Posts on 2, 3 (23:15 UTC) and 6 November; the trip starts on 2 November. No posts, no day 3 or 4.
        let days = Markup.matches(
            "<section class=\"day\" id=\"(day-\\d+)\"[^>]*>\n<h3 [^>]*><a href=\"#day-\\d+\">([^<]+)</a> "
                + "<time datetime=\"([0-9-]+)\">([^<]+)</time></h3>", in: page)
        #expect(
            days.map { Array($0.dropFirst()) } == [
                ["day-1", "Day 1", "2024-11-02", "2 November 2024"],
                ["day-2", "Day 2", "2024-11-03", "3 November 2024"],
                ["day-5", "Day 5", "2024-11-06", "6 November 2024"],
            ])
        let sections = page.components(separatedBy: "<section class=\"day\"").dropFirst()
        #expect(
            sections.map { Markup.matches("<article class=\"post\" id=\"([a-z0-9-]+)\">", in: $0).map { $0[1] } }
                == [["post-post-1"], ["post-post-2"], ["post-post-3"]])
    }

    @Test func timelineDaysCountFromTheFirstPostWhenItIsEarlierOrTheStartIsUnknown() {
        func post(_ id: String, _ time: String) -> Post { Post(id: id, timestamp: Timestamp(time)!) }
        let posts = [post("a", "2024-05-01T08:00:00Z"), post("b", "2024-05-01T20:00:00Z"), post("c", "2024-05-03T09:00:00Z")]
        let expected = [
            TripDay(number: 1, date: CalendarDate("2024-05-01")!, posts: 0..<2),
            TripDay(number: 3, date: CalendarDate("2024-05-03")!, posts: 2..<3),
        ]
        #expect(TripDay.days(of: posts, start: nil) == expected)
        #expect(TripDay.days(of: posts, start: CalendarDate("2024-05-02")) == expected, "a post before the start date")
        #expect(TripDay.days(of: posts, start: CalendarDate("2024-04-30")).map(\.number) == [2, 4])
        #expect(TripDay.days(of: [], start: nil).isEmpty)
    }

    @Test func aStoryHeadingNeverTakesADaysID() throws {
        var trip = TripFixtures.kyoto
        trip.story = try Story(parsing: "# Day 1\n\nText.\n")
        let page = try RenderedSite.fixtures(trips: [trip]).page("autumn-in-kyoto")
        #expect(Markup.matches(" id=\"day-1\"", in: page).count == 1)
        #expect(page.contains("id=\"day-1-2\"") || page.contains("id=\"day-1-1\""))
    }

    @Test func postWhoseDestinationRowIsGoneStillRenders() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let post = try #require(page.components(separatedBy: "<article class=\"post\"").first { $0.contains("Deer everywhere") })
        #expect(post.contains("<time datetime=\"2024-11-06T14:00:00Z\">14:00 UTC</time></a></p>"))
        #expect(post.contains("The deer of Nara bow for crackers."))
    }

    @Test func destinationsShowNameCountryAndDatesInOrder() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        #expect(
            page.contains(
                "<li><span class=\"place\" dir=\"auto\">Kyoto</span> <span class=\"country\">Japan</span> "
                    + "<time datetime=\"2024-11-02\">2–6 November 2024</time></li>\n<li><span class=\"place\" dir=\"auto\">Nara</span>"))
    }

    @Test func pageHeadHasCanonicalOpenGraphAndLanguage() throws {
        var config = TripFixtures.config
        config.language = "ja"
        let page = try RenderedSite.fixtures(config: config).page("autumn-in-kyoto")
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"ja\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://travel.example.com/blog/trips/autumn-in-kyoto/\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"Autumn in Kyoto\">"))
        #expect(
            page.contains("<meta property=\"og:image\" content=\"https://travel.example.com/blog/media/photo-de/photo-deer-medium.jpg\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        #expect(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Kumo Travels\" href=\"../../feed.xml\">"))
        for landmark in ["<header class=\"site-header\"", "<main id=\"main\">", "<article class=\"trip\">", "<nav ", "<footer "] {
            #expect(page.contains(landmark), "\(landmark)")
        }
    }

    @Test func postAndDestinationCoordinatesNeverReachAnyFile() throws {
        let site = try RenderedSite.fixtures()
        let coordinates = TripFixtures.all.flatMap { content in
            content.trip.posts.flatMap { [$0.latitude, $0.longitude] }
                + content.trip.destinations.flatMap { [$0.latitude, $0.longitude] }
        }.compactMap { $0 }
        #expect(coordinates.count >= 10)
        for (path, text) in site.textFiles {
            for value in coordinates {
                // Any rendering of the number: 34.96714, 34.9671, 34.967
                for digits in [3, 4, 5] {
                    let needle = String(format: "%.\(digits)f", value)
                    #expect(!text.contains(needle), "\(path) contains \(needle)")
                }
            }
            #expect(!text.lowercased().contains("latitude") && !text.lowercased().contains("geo.position"), "\(path)")
        }
    }
}
