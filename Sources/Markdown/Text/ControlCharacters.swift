/// The code points HTML forbids in a document (C0 controls but tab, line feed and carriage
/// return; DEL; C1 controls; U+FFFE and U+FFFF): taken out of Markdown before it is parsed, so
/// no page carries one (the Nu HTML Checker reports each as an error). NUL is left to cmark,
/// which prints U+FFFD for it. What the renderer prints therefore never holds one either, except
/// in the HTML an image drawer gives, which may use one as a mark of its own (``MarkdownImageDrawer``).
enum ControlCharacters {
    static func removed(from text: String) -> String {
        var scanned = text
        let found = scanned.withUTF8 { bytes in
            var previous: UInt8 = 0, beforePrevious: UInt8 = 0
            for byte in bytes {
                if isForbidden(byte, after: previous, beforePrevious) { return true }
                beforePrevious = previous
                previous = byte
            }
            return false
        }
        guard found else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isForbidden($0) }))
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x01...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: true
        default: false
        }
    }

    /// Whether `byte` ends the UTF-8 form of a forbidden code point (C1 is `C2 80`…`C2 9F`,
    /// U+FFFE/U+FFFF are `EF BF BE`/`EF BF BF`).
    private static func isForbidden(_ byte: UInt8, after previous: UInt8, _ beforePrevious: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0D: false
        case 0x01...0x1F, 0x7F: true
        case 0x80...0x9F: previous == 0xC2
        case 0xBE, 0xBF: previous == 0xBF && beforePrevious == 0xEF
        default: false
        }
    }
}
