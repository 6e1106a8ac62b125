/// Turns the scanner's tokens into nodes: sections, parents and blocks hold what lies between
/// their opening and closing tags.
struct TemplateTreeBuilder {
    private struct Open {
        let token: TemplateToken
        var nodes: [TemplateNode] = []
        /// Text not yet made a node: adjacent runs become one node (the renderer finds the lines
        /// itself when it indents), appended in place so a long text costs its length once.
        var text: [UInt8] = []
        /// The blocks given inside a parent tag.
        var blocks: [String: [TemplateNode]] = [:]
        /// In a block given to a parent: the whitespace its first line starts with, which every
        /// line loses so that the parent's block tag alone says how far the lines are indented.
        var definitionIndent: Int?
    }

    private let source: [UInt8]
    private var open: [Open]
    /// The names of every partial and parent used.
    private(set) var partialNames: [String] = []

    private init(_ source: [UInt8]) {
        self.source = source
        open = [Open(token: TemplateToken(kind: .section, start: 0, end: 0, name: ""))]
    }

    static func build(_ source: [UInt8]) throws(TemplateSyntaxError) -> (nodes: [TemplateNode], partialNames: [String]) {
        var builder = TemplateTreeBuilder(source)
        for token in try TemplateScanner.tokens(of: source) where !token.removed {
            try builder.add(token)
        }
        if builder.open.count > 1, let unclosed = builder.open.last?.token {
            throw .at(unclosed.start, in: source, "{{\(sigil(unclosed.kind))\(unclosed.name)}} is never closed")
        }
        builder.flushText()
        return (builder.open[0].nodes, builder.partialNames)
    }

    private mutating func add(_ token: TemplateToken) throws(TemplateSyntaxError) {
        switch token.kind {
        case .text:
            // Inside a parent tag only blocks count (see ``append(_:)``).
            let range = withoutDefinitionIndent(token)
            if open[open.count - 1].token.kind != .parent { open[open.count - 1].text += source[range] }
        case .variable: append(.variable(TemplatePath(token.name), escaped: true))
        case .unescaped: append(.variable(TemplatePath(token.name), escaped: false))
        case .partial:
            partialNames.append(token.name)
            append(.partial(token.name, indentation: token.indentation))
        case .section, .inverted, .block:
            open.append(Open(token: token))
        case .parent:
            partialNames.append(token.name)
            open.append(Open(token: token))
        case .close:
            try closeSection(token)
        case .comment, .delimiters:
            break
        }
    }

    private mutating func closeSection(_ token: TemplateToken) throws(TemplateSyntaxError) {
        flushText()
        guard open.count > 1, let section = open.popLast() else {
            throw .at(token.start, in: source, "{{/\(token.name)}} closes no section")
        }
        guard section.token.name == token.name else {
            let opened = TemplateSyntaxError.at(section.token.start, in: source, "")
            throw .at(
                token.start, in: source,
                "{{/\(token.name)}} closes {{\(Self.sigil(section.token.kind))\(section.token.name)}}, opened at line \(opened.line)")
        }
        let name = section.token.name
        switch section.token.kind {
        case .section: append(.section(TemplatePath(name), section.nodes, inverted: false))
        case .inverted: append(.section(TemplatePath(name), section.nodes, inverted: true))
        case .parent: append(.parent(name, indentation: section.token.indentation, blocks: section.blocks))
        default:
            if open[open.count - 1].token.kind == .parent {
                open[open.count - 1].blocks[name] = section.nodes
            } else {
                append(
                    .block(name, section.nodes, indentation: section.token.indentation, standalone: section.token.standalone))
            }
        }
    }

    /// The text of `token`, less the indentation of the block given to a parent that it is in,
    /// when it starts a line.
    private mutating func withoutDefinitionIndent(_ token: TemplateToken) -> Range<Int> {
        guard let level = open.lastIndex(where: { $0.token.kind == .block }), level > 0,
            open[level - 1].token.kind == .parent, token.start == 0 || source[token.start - 1] == UInt8(ascii: "\n")
        else { return token.start..<token.end }
        var start = token.start
        let limit = open[level].definitionIndent.map { min(token.start + $0, token.end) } ?? token.end
        while start < limit, source[start] == UInt8(ascii: " ") || source[start] == UInt8(ascii: "\t") { start += 1 }
        if open[level].definitionIndent == nil { open[level].definitionIndent = start - token.start }
        return start..<token.end
    }

    /// Adds a node to the innermost open section. Inside a parent tag only blocks count: text and
    /// other tags there are left out, as the spec says.
    private mutating func append(_ node: TemplateNode) {
        guard open[open.count - 1].token.kind != .parent else { return }
        flushText()
        open[open.count - 1].nodes.append(node)
    }

    /// Makes the innermost open section's pending text a node.
    private mutating func flushText() {
        let last = open.count - 1
        guard !open[last].text.isEmpty else { return }
        open[last].nodes.append(.text(String(decoding: open[last].text, as: UTF8.self)))
        open[last].text.removeAll(keepingCapacity: false)
    }

    private static func sigil(_ kind: TemplateToken.Kind) -> String {
        switch kind {
        case .inverted: "^"
        case .parent: "<"
        case .block: "$"
        default: "#"
        }
    }
}
