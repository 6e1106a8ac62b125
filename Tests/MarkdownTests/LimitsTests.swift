import Foundation
import Testing

@testable import Markdown

/// What is refused before libcmark-gfm sees it: too many bytes, deep nesting, wide table rows.
/// Ordinary stories, including indented code in fences, pass.
@Suite struct LimitsTests {
    let limits = MarkdownLimits.defaults

    @Test func ordinaryStoriesPass() throws {
        let story = """
            # Autumn in Kyoto

            > We came for the maples.
            > > And stayed for the tea.

            1. Kiyomizu-dera
               - at opening time
                 - before the buses
            2. Uji

            | Day | Place | Note |
            |-----|-------|------|
            | 1 | Kyoto | rain |

            ```json
            {"deeply": {"indented": {"code": {"is": {"fine": {"here": [1, 2, 3] } } } } } }
                                                                        | | | | | | | | | |
            ```

            * * *
            Text with a | pipe and 3) not a list.
            """
        try limits.check(story)
        let sample = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Content/trips").standardized.appendingPathComponent(
                    try FileManager.default.contentsOfDirectory(
                        atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                            .appendingPathComponent("../../Content/trips").standardized.path
                    ).first { !$0.hasPrefix(".") }!
                )
                .appendingPathComponent("story.md"), encoding: .utf8)
        try limits.check(sample)
    }

    @Test func tooManyBytesAreRefused() {
        let text = String(repeating: "a", count: limits.maximumBytes + 1)
        #expect(throws: MarkdownRefusal.tooLarge(bytes: limits.maximumBytes + 1, limit: limits.maximumBytes)) {
            try limits.check(text)
        }
    }

    @Test(arguments: [
        (String(repeating: ">", count: 17) + " deep", 17, 1),
        (String(repeating: "> ", count: 40) + "quote", 40, 1),
        ("ok\n" + String(repeating: "- ", count: 20) + "item", 20, 2),
        (String(repeating: "1. ", count: 18) + "x", 18, 1),
        ((0..<40).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n"), 17, 33),
        (String(repeating: "> - ", count: 9) + "x", 18, 1),
    ])
    func deepNestingIsRefusedWithItsLine(markdown: String, depth: Int, line: Int) {
        #expect(throws: MarkdownRefusal.tooDeep(depth: depth, limit: 16, line: line)) { try limits.check(markdown) }
    }

    @Test func aWideTableRowIsRefused() {
        let row = "|" + String(repeating: "a|", count: 100)
        #expect(throws: MarkdownRefusal.tooManyColumns(count: 100, limit: 64, line: 1)) {
            try limits.check(row + "\n|" + String(repeating: "-|", count: 100))
        }
    }

    @Test func theRendererRefusesBeforeParsing() throws {
        var renderer = MarkdownRenderer()
        renderer.parseCounter = ParseCounter()
        #expect(throws: MarkdownRefusal.self) { try renderer.html(from: String(repeating: ">", count: 100_000)) }
        #expect(renderer.parseCounter?.value == 0)
        _ = try renderer.html(from: "fine")
        #expect(renderer.parseCounter?.value == 1)
    }

    @Test func limitsAreSettable() throws {
        let loose = MarkdownLimits(maximumBytes: 1 << 20, maximumNesting: 64, maximumTableColumns: 512)
        try loose.check(String(repeating: ">", count: 40) + " fine")
        #expect(throws: MarkdownRefusal.self) {
            try MarkdownLimits(maximumBytes: 10, maximumNesting: 1, maximumTableColumns: 1).check("> > x")
        }
    }
}
