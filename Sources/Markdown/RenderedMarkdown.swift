/// A Markdown document turned into safe HTML, with what pages need besides the HTML.
public struct RenderedMarkdown: Sendable, Equatable {
    /// Safe HTML: no raw HTML from the source, no script-capable links, ids only `[a-z0-9-]`.
    public var html: String
    /// The document's headings in order, with the ids their HTML carries.
    public var headings: [MarkdownHeading]
    /// The first paragraph as plain text (no markup, whitespace collapsed), for meta descriptions
    /// and feed summaries; nil when the document has no paragraph.
    public var summary: String?

    public init(html: String, headings: [MarkdownHeading], summary: String?) {
        self.html = html
        self.headings = headings
        self.summary = summary
    }
}

/// One heading of a rendered document.
public struct MarkdownHeading: Sendable, Equatable {
    /// 1 to 6.
    public var level: Int
    /// The heading as plain text.
    public var text: String
    /// The `id` attribute it was given: a slug of its text, unique in the document.
    public var id: String

    public init(level: Int, text: String, id: String) {
        self.level = level
        self.text = text
        self.id = id
    }
}
