import Markdown
import Testing

/// The GitHub-flavoured features stories and posts use.
@Suite struct GFMExtensionTests {
    let renderer = MarkdownRenderer()

    /// Alignment is a class (HTML5 made `align` obsolete; the CSP forbids `style=`), with the
    /// rest of cmark-gfm's table markup as it was: header row in `<thead>`, short rows padded.
    @Test func tablesAlignCellsWithClasses() throws {
        let html = try renderer.html(from: "| Day | Place | Note | Km |\n|:--|--:|:-:|---|\n| 1 | *Kyoto* | tea | 3 |\n| 2 |\n").html
        #expect(
            html == """
                <table tabindex="0">
                <thead>
                <tr>
                <th class="align-left">Day</th>
                <th class="align-right">Place</th>
                <th class="align-center">Note</th>
                <th>Km</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td class="align-left">1</td>
                <td class="align-right"><em>Kyoto</em></td>
                <td class="align-center">tea</td>
                <td>3</td>
                </tr>
                <tr>
                <td class="align-left">2</td>
                <td class="align-right"></td>
                <td class="align-center"></td>
                <td></td>
                </tr>
                </tbody>
                </table>

                """, "\(html)")
        #expect(!html.contains("align=") && !html.contains("style="))
        // A table of one header row has no <tbody>.
        #expect(
            try renderer.html(from: "| a |\n|---|\n").html
                == "<table tabindex=\"0\">\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n")
    }

    @Test func strikethrough() throws {
        #expect(try renderer.html(from: "~~rain~~ sun").html == "<p><del>rain</del> sun</p>\n")
    }

    @Test func bareAddressesBecomeLinks() throws {
        let html = try renderer.html(from: "See www.example.com and https://example.org/x.").html
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("<a href=\"https://example.org/x\">https://example.org/x</a>."))
    }

    /// Checkboxes stay disabled and get an accessible name (axe-core: "Form elements must have labels").
    @Test func taskListCheckboxesHaveAName() throws {
        let html = try renderer.html(from: "- [x] Book ryokan\n- [ ] Buy JR pass\n").html
        #expect(
            html == "<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" /> Book ryokan</li>\n"
                + "<li><input type=\"checkbox\" disabled=\"\" aria-label=\"not done\" /> Buy JR pass</li>\n</ul>\n", "\(html)")
        let loose = try renderer.html(from: "- [ ] a\n\n- [x] b\n\n  more\n").html
        #expect(loose.contains("<li>\n<p><input type=\"checkbox\" disabled=\"\" aria-label=\"not done\" /> a</p>"), "\(loose)")
        #expect(loose.contains("<p><input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"done\" /> b</p>\n<p>more</p>"))
        let french = MarkdownRenderer(options: MarkdownOptions(taskListLabels: TaskListLabels(done: "fait", notDone: "à faire\"><b>")))
        let labelled = try french.html(from: "- [x] a\n- [ ] b").html
        #expect(labelled.contains("aria-label=\"fait\""))
        #expect(labelled.contains("aria-label=\"à faireb\""), "markup characters never reach the attribute")
    }

    @Test func smartPunctuation() throws {
        let html = try renderer.html(from: "\"Tea\" isn't cheap -- or quick...").html
        #expect(html == "<p>“Tea” isn’t cheap – or quick…</p>\n")
        let plain = MarkdownRenderer(options: MarkdownOptions(smartPunctuation: false))
        #expect(try plain.html(from: "\"Tea\"").html == "<p>&quot;Tea&quot;</p>\n")
    }

    @Test func footnotesAreNumberedWhateverTheirLabels() throws {
        let markdown =
            "Tea[^Tea-Note_<1>] and rain[^x] and tea again[^Tea-Note_<1>].\n\n"
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
    /// lets a cell hold no custom node). Tables are now printed by custom nodes of their own
    /// (``TableMarkup``), so a reference in a cell gets its full markup and a way back.
    @Test func aFootnoteReferenceInATableCellLinksBothWays() throws {
        let html = try renderer.html(
            from: "| a | b |\n|---|---|\n| x [^n] | [^n] |\n\nText[^n].\n\n[^n]: The note.",
            idPrefix: "post-1-"
        ).html
        #expect(
            html.contains(
                "<td>x <sup class=\"footnote-ref\"><a href=\"#fn-post-1-1\" id=\"fnref-post-1-1\" data-footnote-ref>1</a></sup></td>"),
            "\(html)")
        #expect(html.contains("id=\"fnref-post-1-1-3\""))
        #expect(html.contains("<li id=\"fn-post-1-1\">"))
        #expect(html.contains("href=\"#fnref-post-1-1-3\""))
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
        let markdown =
            "# " + String(repeating: "*", count: depth) + "deep" + String(repeating: "*", count: depth)
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
