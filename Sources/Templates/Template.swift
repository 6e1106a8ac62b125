/// A Mustache template, parsed once: variables, sections, inverted sections, comments, delimiter
/// changes, partials, and parents with blocks (the spec's inheritance). Names resolve through
/// ``TemplateObject``, never by reflection or casts.
public struct Template: Sendable {
    let nodes: [TemplateNode]
    /// Every partial (`{{>name}}`) and parent (`{{<name}}`) the template names, in order.
    public let partialNames: [String]

    /// Parses `text`; a syntax error gives the line and column.
    public init(_ text: String) throws(TemplateSyntaxError) {
        (nodes, partialNames) = try TemplateTreeBuilder.build(Array(text.utf8))
    }

    /// Renders with `context` at the bottom of the stack; partials come from `library`.
    public func render(
        _ context: TemplateValue, escaping: TemplateEscaping = .html, library: TemplateLibrary? = nil
    ) -> String {
        var renderer = TemplateRenderer(context: context, escaping: escaping, library: library)
        renderer.render(nodes)
        return renderer.output
    }
}

/// What `{{name}}` does to text before it goes out (`{{{name}}}` and `{{&name}}` never escape).
public enum TemplateEscaping: Sendable {
    /// `& < > " '` as entities, byte by byte: for HTML and XML.
    case html
    /// Text as it is: for a prompt or other plain text.
    case none
}

/// Templates by name: the pages, and the partials and parents they use.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]

    public init() {}

    public mutating func register(_ template: Template, named name: String) {
        templates[name] = template
    }

    public func template(named name: String) -> Template? { templates[name] }

    /// Renders the template `name`, or nil when there is none.
    public func render(_ name: String, _ context: TemplateValue, escaping: TemplateEscaping = .html) -> String? {
        templates[name]?.render(context, escaping: escaping, library: self)
    }
}
