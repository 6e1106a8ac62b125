import Foundation
import Testing
@testable import TabiCore

/// Front matter is written by writers and models: anchors and aliases (the "billion laughs"),
/// deep flow nesting and oversized blocks are refused with a clear error before they cost memory.
@Suite struct FrontMatterBoundsTests {
    /// Ten levels of ten aliases each: 10^10 scalars once expanded, a few hundred bytes as text.
    static var billionLaughs: String {
        var lines = ["title: Laughs", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("a\(level): &a\(level) [\(refs)]")
        }
        lines.append("bomb: *a9")
        return "---\n" + lines.joined(separator: "\n") + "\n---\nBody.\n"
    }

    @Test func aliasBombIsRefusedNamingTheAnchor() throws {
        #expect(Self.billionLaughs.utf8.count < 700)
        #expect(throws: StoryError.refused(.anchor(name: "a0", line: 2))) { try Story(parsing: Self.billionLaughs) }
    }

    @Test func aSingleAnchorOrAliasIsRefusedToo() {
        #expect(throws: StoryError.self) { try Story(parsing: "---\ntitle: &t Kyoto\nsummary: *t\n---\n") }
        #expect(throws: StoryError.self) { try Story(parsing: "---\nbase: &b {x: 1}\nmore:\n  <<: *b\n---\n") }
        // An ampersand or asterisk in text is not an anchor.
        #expect(throws: Never.self) { try Story(parsing: "---\ntitle: \"Fish & chips *today*\"\nsummary: R&D 5 * 3\n---\n") }
    }

    @Test func deepFlowNestingIsRefusedBeforeParsing() {
        let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(throws: StoryError.refused(.tooLarge(bytes: 100_004, limit: StoryFrontMatter.maximumBytes))) {
            try Story(parsing: "---\nx: \(deep)\n---\n")
        }
        let nested = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: StoryError.refused(.tooDeep(limit: YAMLGuard.maximumFlowDepth))) {
            try Story(parsing: "---\nx: \(nested)\n---\n")
        }
        // Brackets inside quotes and comments do not count.
        let quoted = "\"" + String(repeating: "[", count: 40) + "\""
        #expect(throws: Never.self) { try Story(parsing: "---\ntitle: \(quoted) # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n---\n") }
    }

    /// Found by fuzz-front-matter: a quote inside a plain scalar (`it's`) was read as opening a
    /// quoted string, hiding every bracket after it from the depth count.
    @Test(arguments: ["a: it's\n", "a: b \"c\n", "a: x'\n  y'\n", "a: 'x''[ '\n", "a: [x'y]\n"])
    func aQuoteInPlainTextHidesNoBrackets(prefix: String) {
        let nested = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: StoryError.refused(.tooDeep(limit: YAMLGuard.maximumFlowDepth))) {
            try Story(parsing: "---\n\(prefix)b: \(nested)\n---\n")
        }
    }

    @Test func anOversizedFrontMatterIsRefused() {
        let big = "---\nsummary: \"" + String(repeating: "a", count: 70_000) + "\"\n---\n"
        #expect(throws: StoryError.refused(.tooLarge(bytes: 70_012, limit: 65_536))) { try Story(parsing: big) }
    }

    @Test func settingsFilesAreBoundedToo() {
        let nested = "title: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        #expect(throws: ConfigError.self) { try SiteConfig(yaml: nested) }
    }
}
