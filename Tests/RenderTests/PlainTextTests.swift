import Testing

@testable import Render

/// One line of untrusted text: whitespace runs and controls become one space, the ends are
/// trimmed, U+FFFE/U+FFFF go.
@Suite struct PlainTextTests {
    @Test(arguments: [
        ("  a \t b\u{85}c  ", "a b c"), ("\u{7F}x\u{9F}y\u{1}", "x y"), ("a\u{FFFE}b\u{FFFF}", "ab"),
        ("é  ü\u{2003}z", "é ü z"), ("Autumn in Kyoto 12", "Autumn in Kyoto 12"), ("a\u{0301}\"<'>", "a\u{0301}\"<'>"),
    ])
    func textIsCleaned(text: String, clean: String) {
        #expect(PlainText.clean(text).map { Array($0.unicodeScalars) } == Array(clean.unicodeScalars))
    }

    @Test(arguments: ["", " ", "\n\t\u{0}", "\u{FFFE}"])
    func nothingLeftIsNil(text: String) {
        #expect(PlainText.clean(text) == nil)
    }

    /// The fast path (text already clean is returned as it is) agrees with the scalar rule on
    /// every text made of these pieces.
    @Test func theFastPathAgreesWithTheRule() {
        let pieces = ["a", "Z", " ", "  ", "\t", "\n", "\u{7F}", "\u{85}", "\u{A0}", "é", "\u{301}", "\u{FFFE}", "~", "\u{1F}"]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(
                PlainText.clean(text).map { Array($0.unicodeScalars) } == Self.rule(text).map { Array($0.unicodeScalars) },
                "\(Array(text.unicodeScalars))")
        }
    }

    /// The rule, scalar by scalar.
    static func rule(_ text: String) -> String? {
        var out = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                pendingSpace = !out.isEmpty
                continue
            }
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out.isEmpty ? nil : out
    }
}
