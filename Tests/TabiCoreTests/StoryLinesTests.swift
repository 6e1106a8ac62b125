import Foundation
import Testing

@testable import TabiCore

/// `Story(parsing:)` finds its lines on the bytes; these check it splits a story exactly where the
/// algorithm it replaced did (split into lines, joined again) with its one deliberate change:
/// lines end at every `\n`, so a `\r\n` (one Character) ends a line too. The texts are made to
/// sit on the edges: `\r\n`, a combining mark after a marker or a line break, a byte-order mark,
/// indented and trailing-space markers, `...` closers, no final line break.
@Suite struct StoryLinesTests {
    /// The parse as it was, on lines split at every `\n` scalar, then joined again.
    static func reference(_ text: String) -> (yaml: String, body: String)? {
        let normalized = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = normalized.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring($0) }
        guard let first = lines.first, (first.last == "\r" ? first.dropLast() : first).trimmingCharacters(in: .whitespaces) == "---"
        else { return ("", normalized) }
        guard
            let close = lines.dropFirst().firstIndex(where: {
                let line = $0.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
                return (line == "---" || line == "...") && $0.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            })
        else { return nil }
        return (lines[1..<close].map { $0 + "\n" }.joined(), lines[(close + 1)...].joined(separator: "\n"))
    }

    /// A story saved with Windows line ends reads as the same story; its body keeps its `\r\n`s.
    @Test func windowsLineEndsReadTheFrontMatter() throws {
        let unix = "---\ntitle: Kyoto\ntags: [japan, autumn]\nsummary: |\n  Two\n  lines\n---\n# Day one\n\nText.\n"
        let windows = unix.replacingOccurrences(of: "\n", with: "\r\n")
        let story = try Story(parsing: windows)
        #expect(story.frontMatter == (try Story(parsing: unix)).frontMatter)
        #expect(story.frontMatter.title == "Kyoto" && story.frontMatter.summary == "Two\nlines\n")
        #expect(story.body == "# Day one\r\n\r\nText.\r\n")
    }

    static let pieces = [
        "---", "...", " ---", "--- ", "---\t", "---\r", "-- -", "---x", "\u{301}", "title: a", "summary: |", "  two",
        "\n", "\n", "\n", "\r\n", "\r", "body", "é", "\u{FEFF}", "",
    ]

    @Test func linesEndWhereCharacterSplittingEndedThem() throws {
        var generator = TripJSONWriterTests.Random(state: 2026)
        var texts = [
            "---\ntitle: a\n---\nbody", "---\r\ntitle: a\r\n---\r\nbody", "---\ntitle: a\n---", "---\ntitle: a\n...\n",
            "\u{FEFF}---\ntitle: a\n---\nbody\n", "---\n---\n", "---\u{301}\ntitle: a\n---\nx", "---\ntitle: a\n---\u{301}\nx",
            "---\ntitle: a\n--- \t\r\nx\ny", "---\ntitle: a\n ---\n---\n", "---\n\r\n---\r\n\n",
        ]
        for _ in 0..<3000 {
            let count = Int.random(in: 1...12, using: &generator)
            texts.append((0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let expected = Self.reference(text)
            let story = try? Story(parsing: text)
            switch (expected, story) {
            case (nil, nil): continue
            case (let expected?, let story?):
                #expect(story.body == expected.body, "\(text.debugDescription)")
                #expect((try? StoryFrontMatter(yaml: expected.yaml)) == story.frontMatter, "\(text.debugDescription)")
            case (let expected?, nil):
                // The reference split is right; only the YAML itself may be refused.
                #expect((try? StoryFrontMatter(yaml: expected.yaml)) == nil, "\(text.debugDescription)")
            case (nil, _?):
                Issue.record("parsed a story with no closing marker: \(text.debugDescription)")
            }
        }
    }
}
