import Testing
import Yams

@testable import FuzzChecks

/// The checks catch what they are for: each is shown a planted bad output.
@Suite struct CheckerTests {
    @Test(arguments: [
        "<p>x</p><script>alert(1)</script>",
        "<p><img src=\"x\" onerror=\"alert(1)\"></p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x61;script:alert(1)\">x</a>",
        "<a href=\" java\tscript&colon;alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<h2 id=\"Day One\">x</h2>",
        "<iframe src=\"https://x.example/\"></iframe>",
        "<p style=\"color:red\">x</p>",
        "<p>&lt;b&gt; <SCRIPT>",
        "<img src=\"a.jpg\" srcset=\"a.jpg 1x, javascript:alert(1) 2x\">",
    ])
    func unsafeHTMLIsFound(html: String) {
        #expect(!HTMLSafety.problems(in: html).isEmpty, "\(html)")
    }

    @Test func safeHTMLIsNot() {
        let html =
            "<h2 id=\"day-1\">Day</h2>\n<p><a href=\"https://x.example/?a=1&amp;b=2\">x</a> <a href=\"#fn-1\">1</a>"
            + " <a href=\"http://x.example/a,JaVaScRiPt:##\">found by fuzz-markdown: a comma in one address is text</a>"
            + " <img src=\"photos/a.jpg\" alt=\"a\"></p>\n"
        #expect(HTMLSafety.problems(in: html) == [])
    }

    /// An escaper that walks `Character`s misses a quote glued to a mark; the check sees it.
    @Test func aCharacterEscaperIsCaught() {
        let text = "\"\u{301} onerror=alert(1) x=\""
        let byCharacter = text.map { $0 == "\"" ? "&quot;" : String($0) }.joined()
        #expect(!EscaperCheck.rawMarkup(in: byCharacter, entities: EscaperCheck.htmlEntities).isEmpty)
        #expect(EscaperCheck.rawMarkup(in: "&amp;x&ampy", entities: EscaperCheck.htmlEntities).count == 1)
    }

    /// The byte reading of a path sees `..` that `Character`s hide.
    @Test func pathsAreReadByByte() {
        #expect(PathCheck.leavesTheRoot(Array("../\u{301}x".utf8)))
        #expect(PathCheck.leavesTheRoot(Array("a/../../b".utf8)))
        #expect(!PathCheck.leavesTheRoot(Array("a/../b/..\u{301}".utf8)))
        #expect(PathCheck.isPlain(Array("a/\u{301}..".utf8)))
        #expect(!PathCheck.isPlain(Array("a/./b".utf8)))
    }

    /// Yams composes every collection with the style `.any`: the depth the guard is checked
    /// against is read from the text at each collection's mark (it was always 0 until this test).
    @Test(arguments: [
        ("a: [[b]]\n", 2), ("a:\n  - [x, {y: [z]}]\n", 3), ("[a]: b\n", 1), ("{a: b}: c\n", 1),
        ("- a\n- b\n", 0), ("\u{2028}x: é\u{85}y: [{}]\r\nz: [\n  [a]]\n", 2),
    ])
    func theFlowDepthOracleReadsFlowStyleFromTheText(yaml: String, depth: Int) throws {
        let parser = try Parser(yaml: yaml)
        let root = try #require(try parser.singleRoot())
        #expect(withExtendedLifetime(parser) { FrontMatterCheck.flowDepth(root, in: yaml) } == depth)
    }

    @Test func theSameSeedGivesTheSameInputs() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        #expect((0..<8).map { _ in a.next() } == (0..<8).map { _ in b.next() })
    }

    /// Decoding bytes is total: any bytes give text, and the same bytes the same text.
    @Test func anyBytesDecode() {
        var first = FuzzInput([0xFF, 0x10, 0x00, 0x05, 0x00, 0x02, 0xC8, 0x01, 0xA0, 0x41])
        var second = FuzzInput([0xFF, 0x10, 0x00, 0x05, 0x00, 0x02, 0xC8, 0x01, 0xA0, 0x41])
        #expect(first.text(.markdown, pieces: 50).utf8.elementsEqual(second.text(.markdown, pieces: 50).utf8))
        var empty = FuzzInput([])
        #expect(empty.text(.path, pieces: 10).isEmpty)
    }
}
