/// Text made safe for HTML element content and quoted attribute values.
///
/// Works on UTF-8 bytes, never on `Character`s: a `"` followed by a combining or joining mark
/// (U+0301, U+200D, U+FE0F, …) is one `Character` that is not `"`, so an escaper walking
/// `Character`s lets the quote through and a title can close `alt="…"` (CVE-2026-27120 in Vapor's
/// leaf-kit, and swift-mustache's own HTML escaping). Every byte of a multi-byte UTF-8 sequence is
/// ≥ 0x80, so no markup character can hide inside one.
public enum HTMLText {
    /// `& < > " '` as entities; every other byte as it is.
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape: one scan, no copy.
        guard text.utf8.contains(where: isSpecial) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return out
    }

    /// Appends `text`, escaped as ``escape(_:)`` does, to `output` without building a string of
    /// its own: the runs between special bytes are copied whole.
    public static func escape(_ text: String, into output: inout String) {
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            if isSpecial(byte) {
                // Special bytes are ASCII, so both ends of a run fall between scalars.
                output += text[runStart..<index]
                output += entity(byte)
                runStart = next
            }
            index = next
        }
        output += text[runStart...]
    }

    private static func entity(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
