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
        let utf8 = text.utf8
        // Most text has nothing to escape: one scan, no copy.
        guard utf8.contains(where: isSpecial) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "\""): out += Array("&quot;".utf8)
            case UInt8(ascii: "'"): out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
