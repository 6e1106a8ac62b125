import Foundation
import Testing

@testable import TabiCore

/// ``FrontMatterLines`` reads front matter without Yams only when it reads it as Yams does: on
/// thousands of front matters made of edge pieces, whatever it accepts Yams reads to the same
/// fields, and what Yams refuses it never accepts. What tabi-press itself writes always takes
/// the fast path.
@Suite struct FrontMatterLinesTests {
    static let keys = ["title", "summary", "cover", "date", "tags", "draft", "place", " title", "Title", "title ", "#title"]
    static let values = [
        "\"Kyoto\"", "\"a \\\"b\\\" \\\\ c \\/ d\"", "\"é\u{301} 日本 🏖️\"", "\"\\x41\\u00e9\\t\\n\\r\"", "\"bad \\q\"",
        "\"\\uD800\"", "\"\\N\"", "'it''s'", "'x", "'a'b'", "Kyoto", "Kyoto  ", "a: b", "a:b", "a #b", "a#b", "a, b [c]",
        "yes", "true", "false", "True", "null", "~", "Null", "", "2024-05-01", "2024-13-01", "\"2024-05-01\"", "123",
        "[a, \"b\", 'c']", "[a,]", "[]", "[~]", "[a, [b]]", "[a b]", "[ a , b ]", "[\"x, y\"]", "[a: b]", "- x",
        "{a: 1}", "&anchor x", "*alias", "!tag x", "!!str x", "|", ">", "\"unterminated", "\"x\" # c", "'x' #c",
        "x\ty", "x\u{2028}y", "x\u{85}y", "\u{FEFF}x", "\"x\u{85}\"", "-5", "?x", "%x", "@x", "`x`", "\"\"", "''",
        "x\r", "\"a\rb\"", "'tab\there'", "\"\u{7F}\"", "\u{1F}", "😀 ok",
    ]
    static let extraLines = ["", "  ", "# a comment", "  - a", "  indented: x", "...", "%YAML 1.1", "\t"]

    static func frontMatter(_ random: inout TripJSONWriterTests.Random) -> String {
        let count = Int.random(in: 0...6, using: &random)
        var lines: [String] = []
        for _ in 0..<count {
            if Int.random(in: 0..<8, using: &random) == 0 {
                lines.append(extraLines.randomElement(using: &random)!)
            } else {
                let separator = ["", " ", "  ", "\t"].randomElement(using: &random)!
                lines.append(keys.randomElement(using: &random)! + ":" + separator + values.randomElement(using: &random)!)
            }
        }
        let lineEnd = Int.random(in: 0..<4, using: &random) == 0 ? "\r\n" : "\n"
        return lines.map { $0 + lineEnd }.joined()
    }

    @Test func whatItReadsYamsReadsTheSame() {
        var random = TripJSONWriterTests.Random(state: 1206)
        var read = 0, total = 0
        for _ in 0..<6000 {
            let yaml = Self.frontMatter(&random)
            total += 1
            guard let fast = FrontMatterLines.read(yaml) else { continue }
            read += 1
            let yams = Result { () throws(StoryError) in try StoryFrontMatter(composing: yaml) }
            #expect((try? yams.get()) == fast, "\(yaml.debugDescription): Yams \(yams)")
        }
        // Both paths are exercised: most pieces send the text to Yams, but not all.
        #expect(read > total / 20 && read < total * 3 / 4, "\(read) of \(total) read without Yams")
    }

    @Test func whatTabiPressWritesIsReadWithoutYams() {
        var random = TripJSONWriterTests.Random(state: 606)
        for _ in 0..<2000 {
            let words = TripJSONWriterTests.awkward
            let frontMatter = StoryFrontMatter(
                title: words.randomElement(using: &random)!,
                summary: Bool.random(using: &random) ? nil : words.randomElement(using: &random)!,
                cover: "photo-\(random.next() % 100)", date: CalendarDate("2024-0\(random.next() % 9 + 1)-1\(random.next() % 10)"),
                tags: (0..<Int(random.next() % 4)).map { _ in words.randomElement(using: &random)! }, draft: Bool.random(using: &random))
            let yaml = frontMatter.yaml()
            #expect(FrontMatterLines.read(yaml) == frontMatter, "\(yaml.debugDescription)")
            #expect((try? StoryFrontMatter(composing: yaml)) == frontMatter, "\(yaml.debugDescription)")
        }
    }

    @Test func unknownKeysAndBlockValuesGoToYams() throws {
        #expect(FrontMatterLines.read("title: Kyoto\nplace: Gion\n") == nil)
        #expect(FrontMatterLines.read("tags:\n  - a\n") == nil)
        #expect(FrontMatterLines.read("title: \"x\" # note\n") == nil)
        let story = try Story(parsing: "---\ntitle: Kyoto\nplace: Gion\ntags:\n  - a\n---\nBody\n")
        #expect(story.frontMatter.title == "Kyoto" && story.frontMatter.tags == ["a"])
        #expect(story.frontMatter.extra.map(\.key) == ["place"])
    }
}
