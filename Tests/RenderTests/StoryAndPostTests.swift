import Foundation
import Testing
import Render
import TabiCore

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
        #expect(page.contains("<li><a href=\"../../tags/japan/\" dir=\"auto\">japan</a></li>")
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
        #expect(page.contains("<time datetime=\"2024-11-02T09:30:00Z\">2 November 2024 · 09:30 UTC</time></a><span dir=\"auto\">Kyoto</span>"))
        #expect(page.contains("Landed at KIX, took the <em>Haruka</em> to Kyoto."))
        #expect(page.contains("<h4 id=\"post-post-2-the-summit\">The summit</h4>"), "post headings are prefixed and nested under the post's <h3>")
    }

    @Test func postWhoseDestinationRowIsGoneStillRenders() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let post = try #require(page.components(separatedBy: "<article class=\"post\"").first { $0.contains("Deer everywhere") })
        #expect(post.contains("<time datetime=\"2024-11-06T14:00:00Z\">6 November 2024 · 14:00 UTC</time></a></p>"))
        #expect(post.contains("The deer of Nara bow for crackers."))
    }

    @Test func destinationsShowNameCountryAndDatesInOrder() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        #expect(page.contains("<li><span class=\"place\" dir=\"auto\">Kyoto</span> <span class=\"country\">Japan</span> "
            + "<time datetime=\"2024-11-02\">2–6 November 2024</time></li>\n<li><span class=\"place\" dir=\"auto\">Nara</span>"))
    }

    @Test func pageHeadHasCanonicalOpenGraphAndLanguage() throws {
        var config = TripFixtures.config
        config.language = "ja"
        let page = try RenderedSite.fixtures(config: config).page("autumn-in-kyoto")
        #expect(page.hasPrefix("<!doctype html>\n<html lang=\"ja\">"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://travel.example.com/blog/trips/autumn-in-kyoto/\">"))
        #expect(page.contains("<meta property=\"og:title\" content=\"Autumn in Kyoto\">"))
        #expect(page.contains("<meta property=\"og:image\" content=\"https://travel.example.com/blog/media/photo-de/photo-deer-medium.jpg\">"))
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
