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

    static let forty = String(repeating: "[", count: 40)

    /// Found by fuzz-front-matter: front matter the pipeline had written was refused as too deep,
    /// because brackets in the text of a block scalar, in plain text outside any `[`/`{`, or in a
    /// quoted key after a line that ended in a quote were counted.
    @Test(arguments: [
        "x: |\n  \(forty)\n",
        "x: >2-\n\n  \(forty)\n  \(forty)\n\ny: |+\n\n   a\n   \(forty)\n",
        "x:\n  - |-\n    \(forty)\n  - k: >\n      \(forty)\n",
        "x: a \(forty)\n",
        "x:\n  a: \"b'\"\n  ? \"{\(forty)\"\n  : c\n",
    ])
    func bracketsThatAreTextAreNotCounted(yaml: String) throws {
        let story = try Story(parsing: "---\n\(yaml)---\nBody")
        #expect(story.frontMatter.extra.count >= 1)
    }

    /// ... while the same brackets count where the block scalar has ended, or in a flow collection.
    @Test(arguments: [
        "x: |\n  a\ny: \(forty)\n",
        "x: |\n a\ny: \(forty)\n",
        "- k: |\n  j: \(forty)\n",
        "x: |2\n   a\n b: \(forty)\n",
        "x: |\n\n    a\n  \(forty)\n",
        "- |\n\(forty)\n",
        "x: |\n#c\ny: \(forty)\n",
        "x: [a \(forty)\n",
        "x: [a,\nb \(forty)\n",
    ])
    func bracketsThatMayBeFlowAreCounted(yaml: String) {
        #expect(YAMLGuard.flowDepth(of: yaml) > YAMLGuard.maximumFlowDepth)
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
