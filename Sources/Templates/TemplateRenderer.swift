import SafeText

/// Renders nodes into one growing string, with a stack of the values that sections opened.
struct TemplateRenderer {
    /// Partials and parents nested deeper than this render nothing: a template that includes
    /// itself ends instead of exhausting the stack.
    static let maximumDepth = 64

    private(set) var output = ""
    private var stack: [TemplateValue]
    private let escaping: TemplateEscaping
    private let library: TemplateLibrary?
    /// The blocks the parents being rendered were given, by name.
    private var blocks: [String: [TemplateNode]] = [:]
    /// Put before each template line while a standalone partial, parent or block renders.
    private var indentation = ""
    private var atLineStart = true
    private var depth = 0

    init(context: TemplateValue, escaping: TemplateEscaping, library: TemplateLibrary?) {
        stack = [context]
        self.escaping = escaping
        self.library = library
        output.reserveCapacity(16 * 1024)
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let text):
                appendTemplateText(text)
            case .variable(let path, let escaped):
                appendValue(lookUp(path), escaped: escaped)
            case .section(let path, let children, let inverted):
                renderSection(lookUp(path), children, inverted: inverted)
            case .partial(let name, let indentation):
                guard let template = library?.template(named: name) else { continue }
                nested(indentation: indentation, blocks: blocks, atLineStart: true) { $0.render(template.nodes) }
            case .parent(let name, let indentation, let given):
                guard let template = library?.template(named: name) else { continue }
                // A block given further out wins over one given here (the child over its parent).
                nested(indentation: indentation, blocks: given.merging(blocks) { _, outer in outer }, atLineStart: true) {
                    $0.render(template.nodes)
                }
            case .block(let name, let defaults, let indentation, let standalone):
                let children = blocks[name] ?? defaults
                nested(indentation: indentation, blocks: blocks, atLineStart: standalone) { $0.render(children) }
            }
        }
    }

    // MARK: - Sections and values

    private mutating func renderSection(_ value: TemplateValue, _ children: [TemplateNode], inverted: Bool) {
        if inverted {
            if !value.isTruthy { render(children) }
            return
        }
        switch value {
        case .missing, .null: break
        case .bool(let shown): if shown { render(children) }
        case .list(let list):
            for index in 0..<list.count {
                stack.append(list.item(at: index))
                render(children)
                stack.removeLast()
            }
        case .text, .object:
            stack.append(value)
            render(children)
            stack.removeLast()
        }
    }

    /// `.` is the top of the stack; `a.b` is `a` from the nearest value that has it, then its `b`.
    private func lookUp(_ path: TemplatePath) -> TemplateValue {
        let components = path.components
        guard let first = components.first else { return stack[stack.count - 1] }
        var value = TemplateValue.missing
        var level = stack.count - 1
        while level >= 0 {
            if case .object(let object) = stack[level] {
                value = object.field(first)
                if case .missing = value {} else { break }
            }
            level -= 1
        }
        var index = 1
        while index < components.count {
            guard case .object(let object) = value else { return .missing }
            value = object.field(components[index])
            index += 1
        }
        return value
    }

    private mutating func appendValue(_ value: TemplateValue, escaped: Bool) {
        let text: String
        switch value {
        case .text(let value): text = value
        case .bool(let value): text = value ? "true" : "false"
        case .missing, .null, .object, .list: return
        }
        if !indentation.isEmpty {
            if text.isEmpty { return }
            if atLineStart { output += indentation }
            atLineStart = false
        }
        if escaped, escaping == .html {
            HTMLText.escape(text, into: &output)
        } else {
            output += text
        }
    }

    // MARK: - Indentation

    private mutating func appendTemplateText(_ text: String) {
        guard !indentation.isEmpty else {
            output += text
            return
        }
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            if line.offset > 0 {
                output += "\n"
                atLineStart = true
            }
            if line.element.isEmpty { continue }
            if atLineStart { output += indentation }
            output += String(Substring(line.element))
            atLineStart = false
        }
    }

    private mutating func nested(
        indentation added: String, blocks given: [String: [TemplateNode]], atLineStart lineStart: Bool,
        _ body: (inout TemplateRenderer) -> Void
    ) {
        guard depth < Self.maximumDepth else { return }
        let saved = (indentation, blocks)
        depth += 1
        indentation += added
        blocks = given
        if !added.isEmpty { atLineStart = lineStart }
        body(&self)
        (indentation, blocks) = saved
        depth -= 1
    }
}
