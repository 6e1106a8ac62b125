/// Reads the front matter most stories have, one `key: value` line per field, without Yams: the
/// fast path of ``StoryFrontMatter``'s YAML reading, which every build takes twice per trip
/// (Yams was 5 % of a 1,000-trip build's samples).
///
/// It reads only what it is sure Yams reads the same way: the six known keys, once each, at the
/// start of their lines; values that are double-quoted (with the escapes ``StoryFrontMatter``
/// writes), single-quoted or plain on one line; `tags` as a one-line flow list; `draft` as
/// plain `true` or `false`; lines of spaces and `#` comment lines. On anything else (another key,
/// an indented line, a comment after a value, a character YAML treats specially) it gives up
/// with nil, and Yams decides, with its own errors.
enum FrontMatterLines {
    static func read(_ yaml: String) -> StoryFrontMatter? {
        var frontMatter = StoryFrontMatter()
        var seen: [Substring] = []
        for rawLine in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.utf8.last == UInt8(ascii: "\r") { line = line.dropLast() }
            // A blank line is spaces only: Yams refuses a tab at the start of a line.
            if line.utf8.allSatisfy({ $0 == UInt8(ascii: " ") }) { continue }
            // In a comment too, U+0085, U+2028 and U+2029 end the line for YAML 1.1.
            if line.utf8.first == UInt8(ascii: "#") {
                guard line.unicodeScalars.allSatisfy(isPrintable) else { return nil }
                continue
            }
            guard let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
            let key = line[..<colon]
            guard !seen.contains(key) else { return nil }
            seen.append(key)
            let rest = line[line.utf8.index(after: colon)...]
            guard rest.isEmpty || rest.utf8.first == UInt8(ascii: " ") else { return nil }
            let value = trimmed(rest)
            switch key {
            case "title": guard let text = text(value) else { return nil }; frontMatter.title = text
            case "summary": guard let text = text(value) else { return nil }; frontMatter.summary = text
            case "cover": guard let text = text(value) else { return nil }; frontMatter.cover = text
            case "date":
                guard let text = text(value) else { return nil }
                guard let text else { continue }
                // A date Yams would refuse is for Yams to report.
                guard let day = CalendarDate(String(text.prefix(10))) else { return nil }
                frontMatter.date = day
            case "tags":
                if isNull(value) { continue }
                guard let tags = flowList(value) else { return nil }
                frontMatter.tags = tags
            case "draft":
                switch value {
                case "true": frontMatter.draft = true
                case "false": frontMatter.draft = false
                default: return nil
                }
            default:
                return nil
            }
        }
        return frontMatter
    }

    // MARK: - Scalars

    /// A scalar's text: `.some(nil)` for YAML's null, nil when this reader is not sure.
    private static func text(_ value: Substring) -> String?? {
        if isNull(value) { return .some(nil) }
        var rest = value
        let text: String?
        switch value.utf8.first {
        case UInt8(ascii: "\""): text = doubleQuoted(&rest)
        case UInt8(ascii: "'"): text = singleQuoted(&rest)
        default:
            guard isPlain(value, inFlow: false) else { return nil }
            return .some(String(value))
        }
        guard let text, rest.isEmpty else { return nil }
        return .some(text)
    }

    private static func isNull(_ value: Substring) -> Bool {
        value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// A plain scalar that cannot be anything but its own text: no indicator first, no `: ` or
    /// ` #` inside, no tab, only characters YAML prints as they are.
    private static func isPlain(_ value: Substring, inFlow: Bool) -> Bool {
        guard let first = value.utf8.first, !"-?:,[]{}#&*!|>'\"%@`".utf8.contains(first) else { return false }
        if value.utf8.last == UInt8(ascii: ":") || contains(value, UInt8(ascii: ":"), UInt8(ascii: " "))
            || contains(value, UInt8(ascii: " "), UInt8(ascii: "#"))
        {
            return false
        }
        if inFlow, value.utf8.contains(where: { ",[]{}#".utf8.contains($0) }) { return false }
        return value.unicodeScalars.allSatisfy { $0 != "\t" && isPrintable($0) }
    }

    /// What YAML 1.1 takes as text: not a control, not a character it reads as a line break
    /// (U+0085, U+2028, U+2029), not U+FEFF or a non-character.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E: true
        case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
        case 0xE000...0xFFFD: scalar.value != 0xFEFF
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `"…"` at the start of `rest`, with the escapes ``StoryFrontMatter/quoted(_:)`` writes
    /// (`\"`, `\\`, `\/`, `\n`, `\t`, `\r`, `\xHH`, `\uHHHH`); `rest` is left after the closing quote.
    private static func doubleQuoted(_ rest: inout Substring) -> String? {
        var scalars = rest.unicodeScalars.dropFirst()
        var text = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\"":
                rest = Substring(scalars)
                return String(text)
            case "\\":
                guard let escape = scalars.popFirst() else { return nil }
                switch escape {
                case "\"", "\\", "/": text.append(escape)
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "x", "u":
                    let digits = escape == "x" ? 2 : 4
                    guard scalars.count >= digits,
                        let value = UInt32(String(String.UnicodeScalarView(scalars.prefix(digits))), radix: 16),
                        let decoded = Unicode.Scalar(value)
                    else { return nil }
                    scalars = scalars.dropFirst(digits)
                    text.append(decoded)
                default: return nil
                }
            default:
                guard isPrintable(scalar) else { return nil }
                text.append(scalar)
            }
        }
        return nil
    }

    /// `'…'` at the start of `rest` (`''` is one quote); `rest` is left after the closing quote.
    private static func singleQuoted(_ rest: inout Substring) -> String? {
        var scalars = rest.unicodeScalars.dropFirst()
        var text = String.UnicodeScalarView()
        while let scalar = scalars.popFirst() {
            if scalar == "'" {
                guard scalars.first == "'" else {
                    rest = Substring(scalars)
                    return String(text)
                }
                scalars = scalars.dropFirst()
            } else if !isPrintable(scalar) {
                return nil
            }
            text.append(scalar)
        }
        return nil
    }

    /// `[a, "b", 'c']` on one line; items are quoted, or plain and not null.
    private static func flowList(_ value: Substring) -> [String]? {
        guard value.utf8.first == UInt8(ascii: "["), value.utf8.last == UInt8(ascii: "]") else { return nil }
        var rest = trimmed(value.dropFirst().dropLast())
        var items: [String] = []
        while !rest.isEmpty {
            let item: String
            switch rest.utf8.first {
            case UInt8(ascii: "\""): guard let text = doubleQuoted(&rest) else { return nil }; item = text
            case UInt8(ascii: "'"): guard let text = singleQuoted(&rest) else { return nil }; item = text
            default:
                let end = rest.utf8.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
                let plain = trimmed(rest[..<end])
                guard !isNull(plain), isPlain(plain, inFlow: true) else { return nil }
                item = String(plain)
                rest = rest[end...]
            }
            items.append(item)
            rest = trimmed(rest)
            guard !rest.isEmpty else { break }
            // A comma, then another item: `[a,]` and `[a b]` are for Yams.
            guard rest.utf8.first == UInt8(ascii: ","), !trimmed(rest.dropFirst()).isEmpty else { return nil }
            rest = trimmed(rest.dropFirst())
        }
        return items
    }

    /// Whether `first` is followed by `second` somewhere in `text`.
    private static func contains(_ text: Substring, _ first: UInt8, _ second: UInt8) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == first, byte == second { return true }
            previous = byte
        }
        return false
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let isSpace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = text.utf8.firstIndex(where: { !isSpace($0) }),
            let last = text.utf8.lastIndex(where: { !isSpace($0) })
        else { return text[text.endIndex...] }
        return text[first...last]
    }
}
