import Foundation
import Yams

/// `Content/trips/<slug>/story.md`: the narrative a writer edits, Markdown with YAML front matter.
public struct Story: Sendable, Equatable {
    public var frontMatter: StoryFrontMatter
    /// The Markdown after the closing `---` line. Untrusted: rendered in safe mode only.
    public var body: String

    public init(frontMatter: StoryFrontMatter, body: String) {
        self.frontMatter = frontMatter
        self.body = body
    }

    /// Reads `---\n<yaml>\n---\n<markdown>`; a file without front matter is all body.
    /// Throws ``StoryError`` naming the field that is wrong.
    ///
    /// Lines end at every `\n`, with or without a `\r` before it: a story saved with Windows line
    /// ends has its front matter read too (the YAML and the body keep their `\r\n`s, which YAML and
    /// Markdown read as line breaks). Lines are found on the bytes, not as Characters: a long
    /// story's body is never split into lines only to be joined again.
    public init(parsing text: String) throws(StoryError) {
        let normalized = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let (first, afterFirst) = Self.line(of: normalized, from: normalized.startIndex)
        let opening = first.last == "\r" ? first.dropLast() : first
        guard opening == "---" || opening.trimmingCharacters(in: .whitespaces) == "---" else {
            self.init(frontMatter: StoryFrontMatter(), body: normalized)
            return
        }
        guard let yamlStart = afterFirst else { throw StoryError.unterminatedFrontMatter }
        // Only a marker at the start of its line closes: an indented `---` or `...` is text of
        // the YAML (a line of a block scalar), as YAML itself reads it.
        var start: String.Index? = yamlStart
        while let lineStart = start {
            let (line, next) = Self.line(of: normalized, from: lineStart)
            let marker = line.prefix { $0 != " " && $0 != "\t" && $0 != "\r" }
            if (marker == "---" || marker == "...") && line.dropFirst(3).allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
                // Each YAML line keeps its line break: a block scalar on the last line (`|`) ends with one.
                let yaml = String(normalized[yamlStart..<lineStart])
                self.init(frontMatter: try StoryFrontMatter(yaml: yaml), body: next.map { String(normalized[$0...]) } ?? "")
                return
            }
            start = next
        }
        throw StoryError.unterminatedFrontMatter
    }

    /// The line of `text` that starts at `start`, without its `\n` (a `\r` before it stays), and
    /// where the next one starts (nil when this one is the last).
    private static func line(of text: String, from start: String.Index) -> (Substring, next: String.Index?) {
        let bytes = text.utf8
        guard let end = bytes[start...].firstIndex(of: 0x0A) else { return (text[start...], nil) }
        return (text[start..<end], bytes.index(after: end))
    }

    /// The file's text: front matter in a stable key order, then the body.
    public func rendered() -> String {
        "---\n" + frontMatter.yaml() + "---\n" + body
    }
}

/// The front matter of a story. Unknown keys are kept as they were, so a writer's or a later
/// stage's fields survive a rewrite.
public struct StoryFrontMatter: Sendable, Equatable {
    public var title: String?
    public var summary: String?
    /// The id of the photo shown as the trip's cover.
    public var cover: String?
    public var date: CalendarDate?
    public var tags: [String]
    /// A draft story is not published: the trip page is built without it.
    public var draft: Bool
    /// Every other key, as YAML text per key, in the order read.
    public var extra: [(key: String, yaml: String)]

    public init(
        title: String? = nil, summary: String? = nil, cover: String? = nil,
        date: CalendarDate? = nil, tags: [String] = [], draft: Bool = false,
        extra: [(key: String, yaml: String)] = []
    ) {
        self.title = title
        self.summary = summary
        self.cover = cover
        self.date = date
        self.tags = tags
        self.draft = draft
        self.extra = extra
    }

    public static func == (lhs: StoryFrontMatter, rhs: StoryFrontMatter) -> Bool {
        lhs.title == rhs.title && lhs.summary == rhs.summary && lhs.cover == rhs.cover
            && lhs.date == rhs.date && lhs.tags == rhs.tags && lhs.draft == rhs.draft
            && lhs.extra.map(\.key) == rhs.extra.map(\.key) && lhs.extra.map(\.yaml) == rhs.extra.map(\.yaml)
    }

    /// The most front matter a story may have: a few keys a writer or model sets.
    public static let maximumBytes = 64 << 10

    init(yaml: String) throws(StoryError) {
        do { try YAMLGuard.checkText(yaml, maximumBytes: Self.maximumBytes) } catch {
            throw StoryError.refused(error)
        }
        if let read = FrontMatterLines.read(yaml) {
            self = read
            return
        }
        try self.init(composing: yaml)
    }

    /// Reads `yaml` with Yams: what ``FrontMatterLines`` is not sure of, and its reference.
    init(composing yaml: String) throws(StoryError) {
        self.init()
        let node: Node?
        do {
            // Yams holds a node's anchor weakly, owned by the parser: the check must run while the
            // parser is alive, or every anchor reads as nil.
            let parser = try Parser(yaml: yaml, encoding: .utf8)  // `.default` reads the environment on every call
            node = try parser.singleRoot()
            if let node { try withExtendedLifetime(parser) { () throws(YAMLGuard.Refusal) in try YAMLGuard.checkNoAnchors(node) } }
        } catch let refusal as YAMLGuard.Refusal {
            throw StoryError.refused(refusal)
        } catch {
            throw StoryError.invalidYAML(String(describing: error))
        }
        guard let node else { return }
        guard let mapping = node.mapping else { throw StoryError.notAMapping }
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw StoryError.notAMapping }
            switch key {
            case "title": title = try Self.string(value, field: key)
            case "summary": summary = try Self.string(value, field: key)
            case "cover": cover = try Self.string(value, field: key)
            case "date":
                guard let text = try Self.string(value, field: key) else { date = nil; continue }
                guard let day = CalendarDate(String(text.prefix(10))) else {
                    throw StoryError.invalidField("date", "expected YYYY-MM-DD, found \"\(text)\"")
                }
                date = day
            case "tags":
                if value.null != nil { tags = []; continue }
                guard let sequence = value.sequence else {
                    throw StoryError.invalidField("tags", "expected a list of strings")
                }
                tags = try sequence.map { item throws(StoryError) in
                    guard let tag = item.scalar?.string else {
                        throw StoryError.invalidField("tags", "expected a list of strings")
                    }
                    return tag
                }
            case "draft":
                guard let flag = value.bool else {
                    throw StoryError.invalidField("draft", "expected true or false")
                }
                draft = flag
            default:
                extra.append((key, Self.serialized(value)))
            }
        }
    }

    /// How a key the pipeline does not know is kept: Yams' text for its value, less the `...`
    /// that ends an open-ended scalar's document (`|+`), which would end the front matter.
    package static func serialized(_ node: Node) -> String {
        let text = (try? Yams.serialize(node: node)) ?? ""
        return text.hasSuffix("\n...\n") ? String(text.dropLast(4)) : text
    }

    private static func string(_ node: Node, field: String) throws(StoryError) -> String? {
        if node.null != nil { return nil }
        guard let scalar = node.scalar else { throw StoryError.invalidField(field, "expected text") }
        return scalar.string
    }

    /// YAML in a fixed key order: title, summary, cover, date, tags, draft, then the others.
    public func yaml() -> String {
        var out = ""
        func line(_ key: String, _ value: String?) {
            guard let value else { return }
            out += "\(key): \(Self.quoted(value))\n"
        }
        line("title", title)
        line("summary", summary)
        line("cover", cover)
        if let date { out += "date: \(date)\n" }
        if !tags.isEmpty { out += "tags: [" + tags.map(Self.quoted).joined(separator: ", ") + "]\n" }
        out += "draft: \(draft)\n"
        for (key, value) in extra {
            let name = Self.isPlainKey(key) ? key : Self.quoted(key)
            // YAML allows an implicit key of at most 1024 characters; a longer one is explicit (`? key`).
            let keyed = name.unicodeScalars.count > 1000 ? "? \(name)\n:" : "\(name):"
            let text = value.hasSuffix("\n") ? String(value.dropLast()) : value
            switch Self.layout(of: text) {
            case .blockScalar:
                // `|2-` counts its indentation from the mapping's (column 0), as from the
                // document's where Yams wrote it: the header follows the key, the lines stay put.
                out += "\(keyed) \(text)\n"
            case .indented:
                out +=
                    "\(keyed)\n"
                    + text.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { "  " + $0 }.joined(separator: "\n") + "\n"
            case .sameLine:
                out += "\(keyed) \(text)\n"
            }
        }
        return out
    }

    enum ValueLayout: Equatable { case sameLine, indented, blockScalar }

    /// Where a value's YAML goes under its key. A block sequence or mapping (`- a`, `a: b`)
    /// cannot follow its key on the same line, nor can text of several lines, which is indented
    /// as a whole; a literal or folded scalar keeps its header on the key's line. Text that does
    /// not compose is indented: the block form holds anything.
    static func layout(of yaml: String) -> ValueLayout {
        guard let node = try? Yams.compose(yaml: yaml) else { return .indented }
        switch node {
        case .sequence(let sequence): return sequence.style == .flow && !yaml.contains("\n") ? .sameLine : .indented
        case .mapping(let mapping): return mapping.style == .flow && !yaml.contains("\n") ? .sameLine : .indented
        case .scalar(let scalar):
            if scalar.style == .literal || scalar.style == .folded { return .blockScalar }
            return yaml.contains("\n") ? .indented : .sameLine
        case .alias: return yaml.contains("\n") ? .indented : .sameLine
        }
    }

    /// Whether `key` reads back as itself unquoted: lower-case letters, digits, `_` and `-`,
    /// and not a word YAML reads as something else (`null`, `yes`, `on`, …).
    static func isPlainKey(_ key: String) -> Bool {
        guard let first = key.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) || first == UInt8(ascii: "_"),
            !["y", "n", "yes", "no", "on", "off", "true", "false", "null"].contains(key)
        else { return false }
        return key.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    /// A double-quoted YAML scalar, so no title can turn into YAML syntax. What YAML cannot
    /// carry as it is (controls, U+FEFF, U+FFFE/U+FFFF) and the line breaks it would fold to a
    /// space (U+0085, U+2028, U+2029) are escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += String(format: "\\x%02X", scalar.value)
                } else if [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF].contains(scalar.value) {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Why a `story.md` could not be read; the caller adds the file it came from.
public enum StoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case unterminatedFrontMatter
    case invalidYAML(String)
    case notAMapping
    case invalidField(String, String)
    /// Too large, too deep, or with anchors and aliases (see ``YAMLGuard``).
    case refused(YAMLGuard.Refusal)

    public var description: String {
        switch self {
        case .unterminatedFrontMatter: "front matter opened with --- is never closed"
        case .invalidYAML(let reason): "front matter is not valid YAML (\(reason))"
        case .notAMapping: "front matter must be a mapping of keys to values"
        case .invalidField(let field, let reason): "front matter field \"\(field)\": \(reason)"
        case .refused(let refusal): "front matter \(refusal)"
        }
    }
}
