import TabiCore

/// JSON for a data block, `<script type="application/ld+json">`: compact, keys sorted (so the
/// same page gives the same bytes), and escaped for the HTML around it.
///
/// Inside `<script>` the HTML parser looks for `</script` and `<!--`, and decodes no entity, so
/// text is escaped for both languages at once: besides JSON's own escapes, `<`, `>` and `&`
/// become `\u003c`, `\u003e` and `\u0026`, and U+2028 and U+2029 (line ends to older JavaScript
/// parsers) `\u2028` and `\u2029`. Text is walked scalar by scalar, never by `Character`: a `"`
/// or `<` followed by a combining mark is one `Character` that is neither.
enum ScriptJSON {
    /// `value` as JSON text, safe between `<script type="application/ld+json">` and `</script>`.
    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, to: &out)
        return out
    }

    private static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number): out += number.isFinite ? "\(number)" : "0"
        case .string(let text): write(text, to: &out)
        case .array(let values):
            out += "["
            for (index, element) in values.enumerated() {
                if index > 0 { out += "," }
                write(element, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                write(key, to: &out)
                out += ":"
                write(members[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// `text` as a JSON string literal, escaped for a script element.
    static func write(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": out += unicodeEscape(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { out += unicodeEscape(scalar) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out += "\""
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane (every one escaped here is).
    private static func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16)
        return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}
