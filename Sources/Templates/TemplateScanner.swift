/// Splits a template's text into text and tags, following `{{=<% %>=}}` delimiter changes, and
/// marks the whitespace around standalone tags (the Mustache spec's rule: a line holding only
/// whitespace and one section, partial, parent, block, comment or delimiter tag renders nothing).
struct TemplateScanner {
    private let source: [UInt8]
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    private var tokens: [TemplateToken] = []
    /// The kinds of the sections, parents and blocks open at this point.
    private var opened: [TemplateToken.Kind] = []

    private init(_ source: [UInt8]) { self.source = source }

    static func tokens(of source: [UInt8]) throws(TemplateSyntaxError) -> [TemplateToken] {
        var scanner = TemplateScanner(source)
        try scanner.scan()
        scanner.markStandaloneLines()
        return scanner.tokens
    }

    // MARK: - Tags

    private mutating func scan() throws(TemplateSyntaxError) {
        var position = 0
        while position < source.count {
            let tagStart = find(open, from: position) ?? source.count
            appendText(from: position, to: tagStart)
            if tagStart == source.count { break }
            position = try scanTag(at: tagStart)
        }
    }

    /// Reads the tag at `start` and returns where the text after it begins.
    private mutating func scanTag(at start: Int) throws(TemplateSyntaxError) -> Int {
        var contentStart = start + open.count
        let sigil = contentStart < source.count ? source[contentStart] : 0
        var closing = close
        var kind = TemplateToken.Kind.variable
        switch sigil {
        case UInt8(ascii: "{"): (kind, closing) = (.unescaped, [UInt8(ascii: "}")] + close)
        case UInt8(ascii: "="): (kind, closing) = (.delimiters, [UInt8(ascii: "=")] + close)
        case UInt8(ascii: "&"): kind = .unescaped
        case UInt8(ascii: "#"): kind = .section
        case UInt8(ascii: "^"): kind = .inverted
        case UInt8(ascii: "/"): kind = .close
        case UInt8(ascii: ">"): kind = .partial
        case UInt8(ascii: "<"): kind = .parent
        case UInt8(ascii: "$"): kind = .block
        case UInt8(ascii: "!"): kind = .comment
        case UInt8(ascii: "%"):
            throw .at(start, in: source, "pragmas ({{% … }}) are not supported")
        default: break
        }
        if kind != .variable { contentStart += 1 }
        guard let contentEnd = find(closing, from: contentStart) else {
            throw .at(start, in: source, "the tag is never closed (no \(String(decoding: closing, as: UTF8.self)))")
        }
        let content = trimmed(contentStart, contentEnd)
        let end = contentEnd + closing.count
        switch kind {
        case .comment:
            tokens.append(TemplateToken(kind: kind, start: start, end: end, name: ""))
        case .delimiters:
            try setDelimiters(content, at: start)
            tokens.append(TemplateToken(kind: kind, start: start, end: end, name: ""))
        default:
            var token = TemplateToken(kind: kind, start: start, end: end, name: try name(content, at: start))
            switch kind {
            case .section, .inverted, .parent, .block: opened.append(kind)
            case .close: token.closesParent = opened.popLast() == .parent
            default: break
            }
            tokens.append(token)
        }
        return end
    }

    private func name(_ bytes: ArraySlice<UInt8>, at start: Int) throws(TemplateSyntaxError) -> String {
        if bytes.isEmpty { throw .at(start, in: source, "the tag has no name") }
        if bytes.contains(where: Self.isWhitespace) {
            throw .at(start, in: source, "a name cannot contain spaces")
        }
        if bytes.contains(UInt8(ascii: "(")) {
            throw .at(start, in: source, "transforms such as uppercased(name) are not supported")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func setDelimiters(_ bytes: ArraySlice<UInt8>, at start: Int) throws(TemplateSyntaxError) {
        let parts = bytes.split(whereSeparator: Self.isWhitespace)
        guard parts.count == 2, !parts.contains(where: { $0.contains(UInt8(ascii: "=")) }) else {
            throw .at(start, in: source, "a delimiter change is written {{=<open> <close>=}}")
        }
        open = Array(parts[0])
        close = Array(parts[1])
    }

    // MARK: - Text and standalone lines

    /// Text, cut after every line break so that each line's whitespace can be judged on its own.
    private mutating func appendText(from start: Int, to end: Int) {
        var lineStart = start
        var index = start
        while index < end {
            if source[index] == UInt8(ascii: "\n") {
                tokens.append(TemplateToken(kind: .text, start: lineStart, end: index + 1, name: ""))
                lineStart = index + 1
            }
            index += 1
        }
        if lineStart < end { tokens.append(TemplateToken(kind: .text, start: lineStart, end: end, name: "")) }
    }

    private mutating func markStandaloneLines() {
        var lineStart = 0
        for index in tokens.indices {
            let token = tokens[index]
            let endsLine = index == tokens.count - 1 || (token.kind == .text && source[token.end - 1] == UInt8(ascii: "\n"))
            if endsLine {
                markIfStandalone(lineStart...index)
                lineStart = index + 1
            }
        }
    }

    /// A line of whitespace and one tag that can stand alone is left out but for the tag. So is a
    /// line of several such tags when a parent opens or closes there (`{{<parent}}{{$block}}`,
    /// `{{/block}}{{/parent}}`), as the spec's inheritance tests and swift-mustache have it.
    private mutating func markIfStandalone(_ line: ClosedRange<Int>) {
        var tags: [Int] = []
        var blank = true
        for index in line {
            let token = tokens[index]
            if token.kind == .text {
                if !isBlank(token) { blank = false }
            } else {
                if !token.kind.canStandAlone { blank = false }
                tags.append(index)
            }
        }
        guard let first = tags.first else { return }
        // The text before the first tag; made only for a tag that takes it.
        var indentation: String {
            String(decoding: line.prefix { $0 < first }.flatMap { source[tokens[$0].start..<tokens[$0].end] }, as: UTF8.self)
        }
        let aroundParent = tags.contains { tokens[$0].kind == .parent || tokens[$0].closesParent }
        guard blank, tags.count == 1 || aroundParent else {
            // A block that starts its line indents its other lines as the tag is indented.
            if tokens[first].kind == .block, line.prefix(while: { $0 < first }).allSatisfy({ isBlank(tokens[$0]) }) {
                tokens[first].indentation = indentation
            }
            return
        }
        for index in line where tokens[index].kind == .text { tokens[index].removed = true }
        tokens[first].standalone = true
        tokens[first].indentation = indentation
    }

    /// Spaces and tabs, then perhaps a line break (`\n` or `\r\n`).
    private func isBlank(_ token: TemplateToken) -> Bool {
        var end = token.end
        if source[end - 1] == UInt8(ascii: "\n") {
            end -= 1
            if end > token.start, source[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        }
        return source[token.start..<end].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    // MARK: - Bytes

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard let first = pattern.first, start <= source.count - pattern.count else { return nil }
        var index = start
        let last = source.count - pattern.count
        while index <= last {
            if source[index] == first {
                var matched = true
                for offset in 1..<pattern.count where source[index + offset] != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ start: Int, _ end: Int) -> ArraySlice<UInt8> {
        var start = start, end = end
        while start < end, Self.isWhitespace(source[start]) { start += 1 }
        while end > start, Self.isWhitespace(source[end - 1]) { end -= 1 }
        return source[start..<end]
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
