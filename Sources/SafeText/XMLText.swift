/// Text made safe for XML 1.0 element content and quoted attribute values, scalar by scalar
/// (never by `Character`: see ``HTMLText``).
public enum XMLText {
    /// What to do with a character XML 1.0 cannot carry at all (most C0 controls, U+FFFE,
    /// U+FFFF): no escape can represent it.
    public enum Unrepresentable: Sendable {
        /// Leave it out: for documents people read (Atom feeds, sitemaps), where a stray control
        /// character must not make the whole document unreadable.
        case drop
        /// Keep it as it is, so the receiver refuses the document: for request bodies, where a
        /// silently changed S3 key would delete or name another object.
        case keep
    }

    /// `& < > " '` as entities (`&apos;` is valid HTML5 too, for the little HTML a feed carries).
    public static func escape(_ text: some StringProtocol, unrepresentable: Unrepresentable = .drop) -> String {
        escape(String(text), unrepresentable: unrepresentable)
    }

    /// The same for a `String`: the form every caller in another module gets, compiled for
    /// `String` (a generic one is not specialised across modules, and ran its byte check through
    /// protocol witnesses: 60 % of a 10,000-trip sitemap's time).
    public static func escape(_ text: String, unrepresentable: Unrepresentable = .drop) -> String {
        // Printable ASCII but the five, and tabs and line ends, stay as they are: most URLs and
        // dates, which a sitemap escapes by the thousand.
        if text.utf8.allSatisfy(isPlain) { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if unrepresentable == .keep || isAllowed(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A byte that is a whole character escaping leaves as it is.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): false
        case 0x20...0x7E, 0x9, 0xA, 0xD: true
        default: false
        }
    }

    /// `Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
