/// Text made fit for an HTML `id` or a fragment: only `[a-z0-9-]` of it, lower-cased, so text
/// from data can never break out of an attribute. Used for heading prefixes here and post anchors
/// in the pages.
public enum IDText {
    public static func kept(_ text: String) -> String {
        // ASCII text (ids, uuids, slugs: nearly always) is filtered byte by byte; anything else
        // goes through Unicode lower-casing first, which can turn a non-ASCII letter into an
        // ASCII one (`İ` → `i̇`, the Kelvin sign → `k`).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter(isKept)))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            let lower = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
            if (0x61...0x7A).contains(lower) || (0x30...0x39).contains(lower) || lower == 0x2D { bytes.append(lower) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
    }
}
