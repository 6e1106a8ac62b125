/// A piece of a template's text: a run of text (ending at a line break at the latest) or one tag.
struct TemplateToken {
    enum Kind {
        case text, variable, unescaped, section, inverted, close, partial, parent, block, comment, delimiters

        /// Tags that take a line of their own without leaving it blank in the output.
        var canStandAlone: Bool {
            switch self {
            case .text, .variable, .unescaped: false
            case .section, .inverted, .close, .partial, .parent, .block, .comment, .delimiters: true
            }
        }
    }

    let kind: Kind
    /// Where the text, or the whole tag, is in the source (bytes).
    let start: Int
    let end: Int
    /// The tag's name, trimmed; empty for text, comments and delimiters.
    let name: String
    /// `{{/name}}` of a parent tag.
    var closesParent = false
    /// Whitespace of a standalone tag's line, which the output leaves out.
    var removed = false
    /// The tag has its line to itself (with at most whitespace around it).
    var standalone = false
    /// The whitespace before a standalone tag, or before a block tag that starts its line.
    var indentation = ""
}
