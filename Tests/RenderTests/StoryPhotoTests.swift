import Foundation
import Render
import TabiCore
import TestSupport
import Testing

/// `![alt](photo:<id>)` in a story or post shows one of the trip's own photos, sized; nothing
/// else prints an `<img>`.
@Suite struct StoryPhotoTests {
    /// Kyoto with a story naming its photos in every way a writer might.
    static var kyoto: TripContent {
        var trip = TripFixtures.kyoto
        trip.story?.body = """
            We came for the maples.

            ![Gates, thousands of them](photo:PHOTO-FUSHIMI)

            The station ![](photo:photo-station) was huge. ![the onsen](photo:photo-onsen)

            ![broken](photo:photo-broken) and ![a map](https://example.com/map.png)
            """
        trip.trip.posts[1].content = "Landed at KIX. ![The hall](photo:photo-station)"
        return trip
    }

    static func site() throws -> RenderedSite {
        try RenderedSite.fixtures(trips: [kyoto, TripFixtures.unlisted, TripFixtures.lisbon])
    }

    func story(_ page: String) throws -> String {
        let start = try #require(page.range(of: "We came for the maples."))
        let end = try #require(page.range(of: "a map</a>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func aPhotoAloneInItsParagraphIsAFigureWithItsRenditionsAndSize() throws {
        let story = try story(try Self.site().page("autumn-in-kyoto"))
        let figure = try #require(story.components(separatedBy: "<figure class=\"photo\">").dropFirst().first)
        let img = try #require(Markup.tags("img", in: figure).first)
        #expect(Markup.attribute("alt", of: img) == "Gates, thousands of them", "the writer's text is the alt text")
        #expect(Markup.attribute("src", of: img) == "../../media/photo-fu/photo-fushimi-medium.jpg")
        #expect(Markup.attribute("width", of: img) == "800" && Markup.attribute("height", of: img) == "600")
        #expect(Markup.attribute("loading", of: img) == "lazy")
        #expect(
            Markup.attribute("srcset", of: Markup.tags("source", in: figure).first ?? "")
                == [480, 960, 1600]
                .map { "../../media/photo-fu/photo-fushimi-w\($0).webp \($0)w" }.joined(separator: ", "))
        #expect(figure.contains("<figcaption dir=\"auto\">Torii gates at first light</figcaption>"))
        #expect(!story.contains("<p><figure"), "the figure takes the paragraph's place")
    }

    @Test func aPhotoInASentenceIsAPictureInTheLine() throws {
        let page = try Self.site().page("autumn-in-kyoto")
        let story = try story(page)
        let line = try #require(story.components(separatedBy: "\n").first { $0.hasPrefix("<p>The station ") })
        #expect(line.hasPrefix("<p>The station <picture><source type=\"image/webp\""))
        let img = try #require(Markup.tags("img", in: line).first)
        #expect(
            Markup.attribute("alt", of: img) == "Kyoto Station's great hall".replacingOccurrences(of: "'", with: "&#39;"),
            "no text of its own: the caption")
        #expect(Markup.attribute("width", of: img) == "800")
        #expect(page.contains("Landed at KIX. <picture>"), "a post's text can show its trip's photos too")
    }

    @Test func aPhotoOfAnotherTripOrWithoutRenditionsAndOtherImagesAreNotShown() throws {
        let site = try Self.site()
        let story = try story(site.page("autumn-in-kyoto"))
        #expect(!story.contains("photo-onsen"), "the unlisted trip's photo never shows in another trip")
        #expect(story.contains(" the onsen</p>"))
        #expect(story.contains("<p>broken and <a href=\"https://example.com/map.png\">a map</a>"))
        #expect(Markup.tags("img", in: story).count == 2)
    }

    @Test func everyImgOfEverySiteFileHasItsSize() throws {
        let site = try Self.site()
        var images = 0
        for (path, html) in site.htmlPages + [
            (
                "feed.xml",
                site.text("feed.xml").replacingOccurrences(of: "&lt;", with: "<")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            )
        ] {
            for img in Markup.tags("img", in: html) {
                images += 1
                #expect(Markup.attribute("width", of: img) != nil && Markup.attribute("height", of: img) != nil, "\(path): \(img)")
            }
        }
        #expect(images > 10)
    }

    @Test func theFeedCarriesTheStoryPhotosWithAbsoluteAddresses() throws {
        let feed = try Self.site().text("feed.xml")
        #expect(feed.contains("&lt;img src=&quot;https://travel.example.com/blog/media/photo-fu/photo-fushimi-medium.jpg&quot;"))
        #expect(feed.contains("srcset=&quot;https://travel.example.com/blog/media/photo-fu/photo-fushimi-w480.webp 480w, "))
        #expect(!feed.contains("../../media/") && !feed.unicodeScalars.contains("\u{1}"))
    }

    @Test func aTripExportedAsItsOwnHomePageShowsThemFromThere() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let files = try SiteRenderer(config: TripFixtures.config, theme: theme)
            .renderTripAsHome(Self.kyoto, renditions: TripFixtures.renditions).files
        func text(_ path: String) -> String { String(decoding: files.first { $0.path == path }?.data ?? Data(), as: UTF8.self) }
        #expect(text("index.html").contains("<img src=\"media/photo-fu/photo-fushimi-medium.jpg\""))
        #expect(text("trips/autumn-in-kyoto/index.html").contains("<img src=\"../../media/photo-fu/photo-fushimi-medium.jpg\""))
        #expect(text("feed.xml").contains("src=&quot;https://travel.example.com/blog/media/photo-fu/photo-fushimi-medium.jpg&quot;"))
        #expect(
            !files.contains { ($0.path.hasSuffix(".html") || $0.path.hasSuffix(".xml")) && $0.data.contains(1) },
            "no mark is left in a page or the feed")
    }
}
