import Foundation
import SafeText
import TabiCore
import Testing

@testable import Render

/// Everything a traveller or writer typed is text on the page, never markup.
@Suite struct EscapingTests {
    @Test func hostileFieldsAreEscapedInTheTripPage() throws {
        let page = try RenderedSite.fixtures().page("hostile")
        #expect(!page.contains(TripFixtures.hostileText), "raw <script> from a title, story or destination")
        #expect(!page.contains("<img src=x"), "raw <img> from an author, caption or post title")
        #expect(
            !page.contains("alert(2)") && !page.contains("alert(3)") && !page.contains("alert(4)"),
            "the post's raw HTML and javascript: link")
        #expect(page.contains("<h1 dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(page.contains("<span>By <bdi>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</bdi></span>"))
        #expect(page.contains("<span class=\"place\" dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</span>"))
        #expect(
            page.contains("<li><a href=\"../../tags/script-alert-1-script/\" dir=\"auto\">&lt;script&gt;alert(1)&lt;/script&gt;</a></li>"),
            "a hostile tag")
        let alts = Markup.tags("img", in: page).compactMap { Markup.attribute("alt", of: $0) }
        #expect(alts.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39; onload=&#39;alert(5)"))
    }

    @Test func hostileFieldsAreEscapedInTheHomePageAndHead() throws {
        let site = try RenderedSite.fixtures()
        let home = site.text("index.html")
        #expect(!home.contains(TripFixtures.hostileText))
        #expect(home.contains("<a href=\"trips/hostile/\">&lt;script&gt;alert(1)&lt;/script&gt;</a>"))
        let head = site.page("hostile").components(separatedBy: "</head>")[0]
        #expect(head.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; — Kumo Travels</title>"))
        #expect(head.contains("<meta name=\"description\" content=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">"))
    }

    @Test func everyTagInEveryPageIsWellFormedAndFreeOfScript() throws {
        for (path, html) in try RenderedSite.fixtures().htmlPages {
            let tags = Markup.startTags(in: html)
            #expect(tags.count > 20 && tags.contains { $0.name == "link" }, "\(path): the tag reader found too little")
            for tag in tags {
                // A stray quote from data would leave an attribute open and the list would not tokenize.
                let attributes = try #require(tag.attributes, "\(path): malformed attributes in a <\(tag.name)>")
                for (name, value) in attributes {
                    #expect(!name.hasPrefix("on"), "\(path): <\(tag.name) \(name)=…> is an event handler")
                    #expect(name != "style", "\(path): <\(tag.name) style=…> would need 'unsafe-inline'")
                    if name == "href" || name == "src" {
                        let scheme = value.lowercased().trimmingCharacters(in: .whitespaces)
                        #expect(!["javascript:", "vbscript:", "data:"].contains { scheme.hasPrefix($0) }, "\(path): \(value)")
                    }
                }
                // The JSON-LD data block is the one <script> a page may have: browsers never run it.
                let dataBlock = tag.name == "script" && attributes.contains { $0 == ("type", "application/ld+json") }
                #expect(
                    (tag.name != "script" || dataBlock) && tag.name != "style" && tag.name != "iframe",
                    "\(path) has a <\(tag.name)>")
            }
        }
    }

    @Test func feedEscapesAndParsesWithHostileContent() throws {
        let feed = try RenderedSite.fixtures().text("feed.xml")
        let document = try FeedDocument.parse(feed)
        let hostile = try #require(document.entries.first { $0.link.hasSuffix("/trips/hostile/") })
        #expect(hostile.title == TripFixtures.hostileText)
        #expect(hostile.author == TripFixtures.hostileAttribute)
        #expect(hostile.categories == [TripFixtures.hostileText, "a\"b"])
        #expect(!feed.contains("<script>"))
    }

    @Test func xmlEscapingDropsCharactersXMLCannotHold() {
        #expect(XMLText.escape("a\u{1}b\u{B}c\u{FFFE}d\u{FFFF}e\tf\ng") == "abcde\tf\ng")
        #expect(XMLText.escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
        #expect(XMLText.escape("旅 🎌") == "旅 🎌")
    }

    @Test func controlCharactersInStoryAndFieldsStillGiveAValidFeed() throws {
        var trip = TripFixtures.lisbon
        trip.trip.title = "Bell\u{7} tower\u{1B}[31m"
        trip.trip.author = "Zoë\u{0}"
        trip.story = Story(frontMatter: StoryFrontMatter(), body: "Text with \u{1}control\u{8} bytes and \u{FFFF}.")
        let site = try RenderedSite.fixtures(trips: [trip])
        let document = try FeedDocument.parse(site.text("feed.xml"))
        #expect(document.entries.map(\.title) == ["Bell tower [31m"])
        #expect(document.entries.first?.author == "Zoë")
        #expect(document.entries.first?.content.contains("control bytes") == true)
        #expect(site.page("spring-in-lisbon").contains("<h1 dir=\"auto\">Bell tower [31m</h1>"))
    }
}
