import Foundation
import SafeText
import TabiCore
import TestSupport
import Testing

@testable import Render

/// The injection corpus through every field a traveller, writer or model controls: every page
/// still parses to the theme's own markup, and the feed and sitemap still parse as XML.
@Suite struct InjectionCorpusTests {
    /// The one `<meta http-equiv>` the default theme ships.
    static func isThemeCSP(_ tag: HTMLScan.Tag) -> Bool {
        tag.name == "meta" && tag.attribute("http-equiv") == "Content-Security-Policy"
            && tag.attribute("content")?.hasPrefix("default-src 'self';") == true
    }

    /// A trip whose every text field is `text`.
    static func trip(_ text: String, index: Int) -> TripContent {
        let id = String(format: "5a5e0000-0000-4000-8000-%012d", index)
        let photo = Photo(
            id: "photo-\(index)", storageKey: "originals/p\(index).jpg", contentType: "image/jpeg",
            caption: text, width: 4000, height: 3000, position: 0)
        let trip = Trip(
            id: id, slug: "t\(index)", title: text, description: text, startDate: CalendarDate("2024-05-01"),
            endDate: CalendarDate("2024-05-03"), status: .completed, visibility: .public, author: text,
            coverPhotoId: photo.id, updatedAt: Timestamp("2024-05-04T10:00:00Z"),
            destinations: [Destination(id: "d\(index)", name: text, countryCode: text, position: 0)],
            posts: [
                Post(
                    id: "post-\(index)\(text)", timestamp: Timestamp("2024-05-01T10:00:00Z")!, title: text,
                    content: text + "\n\n" + "[\(text)](\(text)) ![\(text)](\(text))", destinationId: "d\(index)",
                    photos: [photo])
            ])
        let story = Story(
            frontMatter: StoryFrontMatter(title: text, summary: text, cover: photo.id, tags: [text, "x" + text]),
            body: "# \(text)\n\n\(text)\n\n> \(text)\n\n| \(text) | b |\n|---|---|\n| \(text) | c |\n")
        return TripContent(trip: trip, story: story)
    }

    static func renditions(for trips: [TripContent]) -> [String: PhotoRenditions] {
        var all: [String: PhotoRenditions] = [:]
        for trip in trips {
            for photo in trip.trip.photos {
                let rendition = { (tag: String, width: Int, format: ImageFormat) in
                    ImageRendition(
                        path: "media/ab/abcdef0123456789-\(tag)-000000.\(format.fileExtension)", width: width,
                        height: width * 3 / 4, format: format)
                }
                all[photo.id] = PhotoRenditions(
                    photoId: photo.id, thumbnail: rendition("300x300c", 300, .jpeg),
                    medium: rendition("800x600", 800, .jpeg),
                    responsive: [rendition("w480", 480, .webp), rendition("w480", 480, .jpeg)])
            }
        }
        return all
    }

    @Test func everyPayloadInEveryFieldLeavesOnlyTheThemesMarkup() throws {
        let corpus = HostileText.all
        let trips = corpus.enumerated().map { Self.trip($1, index: $0) }
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let site = try SiteRenderer(config: .defaults, theme: theme).render(trips: trips, renditions: Self.renditions(for: trips)).files
        var pages: [String] = []
        for file in site where file.path.hasSuffix(".html") {
            let html = String(decoding: file.data, as: UTF8.self)
            let problems = HTMLScan.scriptCapable(html, allowed: Self.isThemeCSP)
            #expect(problems.isEmpty, "\(file.path): \(problems.prefix(3))")
            // Every tag is one the theme writes: data never opens a tag of its own.
            let names = Set(HTMLScan.startTags(in: html).map(\.name))
            let theme: Set<String> = [
                "html", "head", "meta", "title", "link", "body", "a", "header", "div", "img", "nav",
                "main", "footer", "p", "article", "h1", "h2", "h3", "h4", "span", "ul", "li", "section",
                "ol", "picture", "source", "figure", "figcaption", "time", "blockquote", "table",
                "thead", "tbody", "tr", "th", "td", "em", "strong", "sup", "code", "pre", "br", "del", "bdi",
                "script", "svg", "polyline", "circle", "text", "aside", "details", "summary",
            ]
            #expect(names.isSubset(of: theme), "\(file.path): unexpected <\(names.subtracting(theme).sorted())>")
            pages.append(file.path)
        }
        // Every trip, every page of the home page and of each tag, the tags index and the 404 page.
        #expect(pages.count { $0.hasPrefix("trips/") } == corpus.count)
        #expect(pages.contains("index.html") && pages.contains("404.html") && pages.contains("tags/index.html"))
        // Payloads that make the same slug share a tag page (`<script>alert(1)</script>` and its kin).
        #expect(pages.count { $0.hasPrefix("tags/") } >= 20, "the payloads as tags got pages of their own")
    }

    @Test func aQuoteGluedToAMarkStillClosesNothing() throws {
        // The defect as reported: `"` + ZWJ in a caption closed alt="…" and added onerror=.
        let caption = "Sunset\"\u{200D} onerror=alert(1) x=\"\u{200D}"
        let trips = [Self.trip(caption, index: 1)]
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let site = try SiteRenderer(config: .defaults, theme: theme).render(trips: trips, renditions: Self.renditions(for: trips)).files
        let page = String(decoding: try #require(site.first { $0.path == "trips/t1/index.html" }).data, as: UTF8.self)
        let images = HTMLScan.startTags(in: page).filter { $0.name == "img" && $0.attribute("alt")?.isEmpty == false }
        #expect(!images.isEmpty)
        for image in images {
            #expect(image.attribute("onerror") == nil)
            #expect(image.attribute("alt") == "Sunset&quot;\u{200D} onerror=alert(1) x=&quot;\u{200D}")
        }
        let metas = HTMLScan.startTags(in: page).filter { $0.name == "meta" && $0.attribute("property") == "og:title" }
        #expect(metas.first?.attribute("content") == "Sunset&quot;\u{200D} onerror=alert(1) x=&quot;\u{200D}")
    }

    @Test func escapersWorkByteByByteWhateverFollows() {
        for mark in HostileText.joiningMarks {
            let glued = "\"" + String(mark)
            #expect(HTMLText.escape(glued) == "&quot;" + String(mark))
            #expect(XMLText.escape(glued) == "&quot;" + String(mark))
            #expect(XMLText.escape("<" + String(mark), unrepresentable: .keep) == "&lt;" + String(mark))
        }
        for mark in HostileText.prependMarks {
            #expect(HTMLText.escape(String(mark) + "'") == String(mark) + "&#39;")
        }
        #expect(HTMLText.escape("plain text, nothing to do") == "plain text, nothing to do")
        #expect(HTMLText.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    }

    @Test func redactionFindsASecretWhateverFollowsIt() {
        let secret = "wJalrXUtnFEMI/K7MDENG"
        #expect(("x " + secret + "\u{301} y").replacingLiteral(secret, with: "<redacted>") == "x <redacted>\u{301} y")
        #expect(("\u{0600}" + secret).containsLiteral(secret))
    }
}
