import FuzzChecks
import Markdown
import Testing

/// Any Markdown renders to safe, bounded, stable HTML, or is refused for a real excess.
@Suite struct MarkdownPropertyTests {
    @Test func anyTextRendersSafelyOrIsRefused() {
        expectNoFindings(.markdown)
    }

    @Test func longInputsNearTheLimits() {
        expectNoFindings(.markdown, iterations: 40, maximumLength: 16 << 10)
    }

    /// Found by fuzz-markdown: a footnote reference in a table cell.
    @Test(arguments: [
        "| a |\n|---|\n| [^1] |\n\n[^1]: note",
        "| a | b |\n|---|---|\n| x [^1] y | [^1] |\n\n[^1]: note",
        "[^1]: | a |\n|---|\n| b |\n\nText [^1]",
        "[^1]:\n    | a |\n    |---|\n    | [^1] |\n\n[^1]",
    ])
    func footnotesInTables(markdown: String) {
        #expect(MarkdownCheck.findings(markdown: markdown) == [])
    }
}
