import Testing
import Markdown

/// The GitHub-flavoured features stories and posts use.
@Suite struct GFMExtensionTests {
    let renderer = MarkdownRenderer()

    @Test func tables() throws {
        let html = try renderer.html(from: "| Day | Place |\n|:--|--:|\n| 1 | Kyoto |\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th align=\"left\">Day</th>"))
        #expect(html.contains("<td align=\"right\">Kyoto</td>"))
        #expect(!html.contains("style="))
    }

    @Test func strikethrough() throws {
        #expect(try renderer.html(from: "~~rain~~ sun").html == "<p><del>rain</del> sun</p>\n")
    }

    @Test func bareAddressesBecomeLinks() throws {
        let html = try renderer.html(from: "See www.example.com and https://example.org/x.").html
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("<a href=\"https://example.org/x\">https://example.org/x</a>."))
    }

    @Test func taskLists() throws {
        let html = try renderer.html(from: "- [x] Book ryokan\n- [ ] Buy JR pass\n").html
        #expect(html.contains("<input type=\"checkbox\" checked=\"\" disabled=\"\" /> Book ryokan"))
        #expect(html.contains("<input type=\"checkbox\" disabled=\"\" /> Buy JR pass"))
    }

    @Test func smartPunctuation() throws {
        let html = try renderer.html(from: "\"Tea\" isn't cheap -- or quick...").html
        #expect(html == "<p>“Tea” isn’t cheap – or quick…</p>\n")
        let plain = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false))
        #expect(try plain.html(from: "\"Tea\"").html == "<p>&quot;Tea&quot;</p>\n")
    }

    @Test func footnotesAreNumberedWhateverTheirLabels() throws {
        let markdown = "Tea[^Tea-Note_<1>] and rain[^x] and tea again[^Tea-Note_<1>].\n\n"
            + "[^Tea-Note_<1>]: Matcha.\n[^x]: Lots.\n[^unused]: Never shown.\n"
        let html = try renderer.html(from: markdown).html
        #expect(html.contains("<a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a>"))
        #expect(html.contains("<a href=\"#fn-2\" id=\"fnref-2\" data-footnote-ref>2</a>"))
        #expect(html.contains("<a href=\"#fn-1\" id=\"fnref-1-2\" data-footnote-ref>1</a>"))
        #expect(html.contains("<li id=\"fn-1\">\n<p>Matcha. <a href=\"#fnref-1\" class=\"footnote-backref\""))
        #expect(html.contains("href=\"#fnref-1-2\""))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
        #expect(!html.contains("Never shown"))
        #expect(!html.contains("Tea-Note"))
    }

    @Test func footnoteIdsTakeThePrefixSoDocumentsCanShareAPage() throws {
        let html = try renderer.html(from: "A[^1]\n\n[^1]: B", idPrefix: "post-7-").html
        #expect(html.contains("href=\"#fn-post-7-1\" id=\"fnref-post-7-1\""))
        #expect(html.contains("<li id=\"fn-post-7-1\">"))
        #expect(html.contains("href=\"#fnref-post-7-1\""))
    }

    @Test func footnoteWhoseLastBlockIsNotAParagraphStillLinksBack() throws {
        let html = try renderer.html(from: "A[^q]\n\n[^q]: > quoted\n").html
        #expect(html.contains("</blockquote>\n<p><a href=\"#fnref-1\" class=\"footnote-backref\""))
    }

    /// Found by fuzz-markdown: a footnote reference in a table cell crashed the renderer (cmark-gfm
    /// lets a cell hold no custom node). There it is now a plain link to its note.
    @Test func aFootnoteReferenceInATableCellIsALinkToItsNote() throws {
        let html = try renderer.html(from: "| a | b |\n|---|---|\n| x [^n] | [^n] |\n\nText[^n].\n\n[^n]: The note.",
                                     idPrefix: "post-1-").html
        #expect(html.contains("<td>x <a href=\"#fn-post-1-1\">1</a></td>"), "\(html)")
        #expect(html.contains("<a href=\"#fn-post-1-1\" id=\"fnref-post-1-1\" data-footnote-ref>1</a>"))
        #expect(html.contains("<li id=\"fn-post-1-1\">"))
    }

    @Test func hardBreaksOption() throws {
        let soft = try renderer.html(from: "line one\nline two").html
        let hard = try MarkdownRenderer(options: MarkdownOptions(hardBreaks: true)).html(from: "line one\nline two").html
        #expect(soft == "<p>line one\nline two</p>\n")
        #expect(hard == "<p>line one<br />\nline two</p>\n")
    }

    @Test func summaryIsTheFirstBodyParagraphAsPlainText() throws {
        let markdown = "# Title\n\n> a quote\n\n- a list\n\nWe *walked* to `Fushimi`\nat dawn[^1] <b>early</b>.\n\nSecond.\n\n[^1]: note"
        #expect(try renderer.html(from: markdown).summary == "We walked to Fushimi at dawn early.")
        #expect(try renderer.html(from: "# Only a heading").summary == nil)
        #expect(try renderer.html(from: "").summary == nil)
    }

    @Test func deeplyNestedInputRendersOffTheMainThread() async throws {
        let depth = 20_000
        let markdown = "# " + String(repeating: "*", count: depth) + "deep" + String(repeating: "*", count: depth)
            + "\n\n" + String(repeating: "> ", count: depth) + "quote\n\n" + String(repeating: "[", count: depth) + "x"
        // Far past the limits a build applies: the tree walks must survive it even when they are lifted.
        let unlimited = MarkdownLimits(maximumBytes: .max, maximumNesting: .max, maximumTableColumns: .max)
        let rendered = try await Task.detached { try MarkdownRenderer(limits: unlimited).html(from: markdown) }.value
        #expect(rendered.headings.first?.text == "deep")
        #expect(rendered.html.contains("quote"))
    }

    @Test func emptyAndOddInputs() throws {
        #expect(try renderer.html(from: "").html == "")
        let withNul = try renderer.html(from: "a\u{0}b").html
        #expect(withNul == "<p>a\u{FFFD}b</p>\n")
    }
}
