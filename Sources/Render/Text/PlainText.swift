/// Untrusted text made fit for pages and feeds: what escaping cannot fix is removed here.
enum PlainText {
    /// One line of text: control characters and runs of whitespace become single spaces, U+FFFE
    /// and U+FFFF are dropped, the ends are trimmed; nil when nothing is left.
    static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        if isClean(text) { return text }
        // Built as UTF-8 bytes: appending scalar by scalar to a String is the slow part.
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace =
                scalar.isASCII
                ? scalar.value <= 0x20 || scalar.value == 0x7F
                : scalar.properties.isWhitespace || scalar.value <= 0x9F
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            if pendingSpace { out.append(0x20) }
            pendingSpace = false
            UTF8.encode(scalar) { out.append($0) }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// Whether `clean` would give `text` back: printable ASCII, single spaces between words, and
    /// nothing else (other text takes the slow path).
    private static func isClean(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                guard byte >= 0x20, byte < 0x7F, byte != 0x20 || previous != 0x20 else { return false }
                previous = byte
            }
            return true
        }
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
