/// A parsed template: text, tags, and the sections they open.
indirect enum TemplateNode: Sendable {
    case text(String)
    case variable(TemplatePath, escaped: Bool)
    case section(TemplatePath, [TemplateNode], inverted: Bool)
    /// `{{>name}}`; `indentation` is the whitespace before a standalone tag, put before each of
    /// the partial's lines.
    case partial(String, indentation: String)
    /// `{{<name}}…{{/name}}`: the parent rendered with the blocks given inside the tag.
    case parent(String, indentation: String, blocks: [String: [TemplateNode]])
    /// `{{$name}}default{{/name}}`: replaced by the block of that name a child gives. Its lines
    /// after the first are indented as the tag is (all of them when the tag stands alone).
    case block(String, [TemplateNode], indentation: String, standalone: Bool)
}

/// A name as written in a tag: `.` (the current value), `a`, or `a.b.c`.
struct TemplatePath: Sendable {
    /// Empty for `.`.
    let components: [String]

    init(_ name: String) {
        components = name == "." ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}
