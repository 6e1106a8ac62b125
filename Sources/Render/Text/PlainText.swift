/// Untrusted text made fit for pages and feeds: what escaping cannot fix is removed here.
enum PlainText {
    /// One line of text: control characters and runs of whitespace become single spaces, U+FFFE
    /// and U+FFFF are dropped, the ends are trimmed; nil when nothing is left.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
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

    /// At most `limit` characters, cut at a word boundary with `…` when it had to be cut
    /// (meta descriptions and feed summaries).
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingTrailingPunctuation() + "…"
    }

}

private extension Substring {
    func trimmingTrailingPunctuation() -> String {
        var text = self
        while let last = text.last, last == " " || last == "," || last == ";" || last == ":" || last == "—" || last == "–" {
            text = text.dropLast()
        }
        return String(text)
    }
}
