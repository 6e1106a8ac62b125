/// One line of text from untrusted text: what a title, a caption, a heading's anchor text or an
/// image's alt becomes before it is escaped into a page.
public enum LineText {
    /// One line of text: control characters and runs of whitespace become single spaces, U+FFFE
    /// and U+FFFF are dropped, the ends are trimmed; nil when nothing is left.
    public static func clean(_ text: String) -> String? {
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
}
