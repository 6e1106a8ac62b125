/// Array parameters in PostgreSQL's text form, so a list travels as one `$n` (`= ANY($1::uuid[])`)
/// instead of being spliced into SQL.
public enum PostgresArray {
    /// `{"a","b"}`: each element double-quoted, `"` and `\` escaped byte by byte (never by
    /// `Character`: a `"` followed by a combining mark is one `Character` that is not `"`), so no
    /// element can end the array.
    public static func literal(_ elements: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in elements.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            for byte in element.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
                out.append(byte)
            }
            out.append(UInt8(ascii: "\""))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
