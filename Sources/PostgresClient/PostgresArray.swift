/// Array parameters in PostgreSQL's text form, so a list travels as one `$n` (`= ANY($1::uuid[])`)
/// instead of being spliced into SQL.
public enum PostgresArray {
    /// `{"a","b"}`: each element double-quoted, `"` and `\` escaped, so no element can end the array.
    public static func literal(_ elements: [String]) -> String {
        var out = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { out += "," }
            out += "\""
            for character in element {
                if character == "\"" || character == "\\" { out += "\\" }
                out.append(character)
            }
            out += "\""
        }
        return out + "}"
    }
}
