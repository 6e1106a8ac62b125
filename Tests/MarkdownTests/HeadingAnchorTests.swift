import Foundation
import Markdown
import Testing

/// Every heading gets an id that links can use: stable, unique, and only `[a-z0-9-]`.
@Suite struct HeadingAnchorTests {
    let renderer = MarkdownRenderer()

    @Test func headingsGetSluggedIds() throws {
        let rendered = try renderer.html(from: "# Day 2: Arashiyama\n\n## Bamboo *grove* & `monkeys`\n")
        #expect(
            rendered.html == "<h1 id=\"day-2-arashiyama\">Day 2: Arashiyama</h1>\n"
                + "<h2 id=\"bamboo-grove-monkeys\">Bamboo <em>grove</em> &amp; <code>monkeys</code></h2>\n")
        #expect(
            rendered.headings == [
                MarkdownHeading(level: 1, text: "Day 2: Arashiyama", id: "day-2-arashiyama"),
                MarkdownHeading(level: 2, text: "Bamboo grove & monkeys", id: "bamboo-grove-monkeys"),
            ])
    }

    @Test func aHeadingsTextIsOneCleanLine() throws {
        // Runs of any white space (NEL, em and ideographic spaces) are single spaces, as in every
        // title of the site (LineText), and the ends are trimmed.
        let rendered = try renderer.html(from: "# Day \u{85} one\u{2003}\u{2003}and\u{3000}two\u{85}\n")
        #expect(rendered.headings == [MarkdownHeading(level: 1, text: "Day one and two", id: "day-one-and-two")])
    }

    @Test func repeatedHeadingsAreNumbered() throws {
        let ids = try renderer.html(from: "## Lunch\n## Lunch\n## Lunch 1\n## Lunch\nSetext\n---\n").headings.map(\.id)
        #expect(ids == ["lunch", "lunch-1", "lunch-1-1", "lunch-2", "setext"])
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: [
        "\"><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "🎌🗻",
        "   ",
        "Ünïcödé Straße",
        "Москва",
        String(repeating: "long ", count: 100),
        "id=\"x\" onclick=\"y\"",
    ])
    func hostileHeadingTextGivesSafeIds(text: String) throws {
        let rendered = try renderer.html(from: "## \(text)\n")
        let heading = try #require(rendered.headings.first)
        #expect(heading.id.range(of: "^[a-z0-9][a-z0-9-]*$", options: .regularExpression) != nil, "\(heading.id)")
        #expect(heading.id.count <= 64)
        #expect(!rendered.html.contains("<script"))
        #expect(!rendered.html.contains("<img"))
        #expect(!rendered.html.contains("onclick=\"") && !rendered.html.contains("onmouseover='"))
        #expect(rendered.html.hasPrefix("<h2 id=\"\(heading.id)\">"))
    }

    @Test func transliteratesToLatin() throws {
        let ids = try renderer.html(from: "# Tōkyō\n# Москва\n# 🎌\n").headings.map(\.id)
        #expect(ids == ["tokyo", "moskva", "section"])
    }

    @Test func prefixAndReservedIds() throws {
        let rendered = try renderer.html(from: "## Posts\n## Intro\n", reservedIDs: ["posts"])
        #expect(rendered.headings.map(\.id) == ["posts-1", "intro"])
        let prefixed = try renderer.html(from: "## Intro\n", idPrefix: "Post 3\"><x-")
        #expect(prefixed.headings.map(\.id) == ["post3x-intro"])
    }

    @Test func headingsNeverTakeFootnoteIds() throws {
        let rendered = try renderer.html(from: "## fn 1\n## fnref 1\n\nA[^1]\n\n[^1]: B")
        #expect(rendered.headings.map(\.id) == ["section-fn-1", "section-fnref-1"])
        #expect(rendered.html.components(separatedBy: "id=\"fn-1\"").count == 2)
    }

    @Test func headingOffsetMovesLevelsDownAndCapsAtSix() throws {
        let rendered = try renderer.html(from: "# One\n## Two\n##### Five\n", headingOffset: 2)
        #expect(rendered.headings.map(\.level) == [3, 4, 6])
        #expect(rendered.html.contains("<h3 id=\"one\">One</h3>"))
        #expect(rendered.html.contains("<h6 id=\"five\">Five</h6>"))
    }

    /// A page's outline skips no level (axe-core's heading-order), whichever levels the writer picked.
    @Test func topHeadingLevelRenumbersTheLevelsUsed() throws {
        let rendered = try renderer.html(
            from: "#### Deep\n## Top\n###### Deepest\n#### Deep again\n", headingOffset: 3,
            topHeadingLevel: 2)
        #expect(rendered.headings.map(\.level) == [3, 2, 4, 3])
        #expect(rendered.html.contains("<h2 id=\"top\">Top</h2>"))
        #expect(rendered.html.contains("<h4 id=\"deepest\">Deepest</h4>"))
        let capped = try renderer.html(from: "# 1\n## 2\n### 3\n#### 4\n", topHeadingLevel: 4)
        #expect(capped.headings.map(\.level) == [4, 5, 6, 6])
    }

    @Test func headingsInsideQuotesAndListsAreAnchoredToo() throws {
        let rendered = try renderer.html(from: "> ## Quoted\n\n- ## Listed\n")
        #expect(rendered.html.contains("<h2 id=\"quoted\">Quoted</h2>"))
        #expect(rendered.html.contains("<h2 id=\"listed\">Listed</h2>"))
    }

    @Test(arguments: [
        ("7C1F6A52-aaaa-4BBB", "7c1f6a52-aaaa-4bbb"),
        ("post_3\"><script>alert(1)</script>", "post3scriptalert1script"),
        ("İstanbul", "istanbul"),  // lower-cased to `i̇stanbul` first, then the dot dropped
        ("東京", ""),
        ("", ""),
    ])
    func idTextKeepsOnlyLowerCaseLettersDigitsAndHyphens(input: String, expected: String) {
        #expect(IDText.kept(input) == expected)
    }

    @Test func summaryCollapsesEveryKindOfWhiteSpace() throws {
        let rendered = try renderer.html(from: "# Title\n\nOne\u{00A0}\u{2003}two\t three\u{3000}four — 東京 ✓\n")
        #expect(rendered.summary == "One two three four — 東京 ✓")
    }
}
