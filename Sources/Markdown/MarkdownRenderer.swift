import CCmarkGFM
import SafeText
import Synchronization

/// GitHub-flavoured Markdown to safe HTML, through libcmark-gfm.
///
/// Safe for untrusted text: raw HTML is dropped, links keep only relative addresses and
/// `http(s)`/`mailto`/`tel`, an image is drawn only by the caller that knows its size (else it
/// becomes a link), and every id the HTML carries is `[a-z0-9-]`. A value type that holds only
/// options: share one between tasks and render from many at once.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions
    /// What is refused before parsing (see ``MarkdownLimits``).
    public var limits: MarkdownLimits

    /// Counts the documents this renderer (and its copies) parsed, for tests; nil in production.
    package var parseCounter: ParseCounter?

    public init(options: MarkdownOptions = MarkdownOptions(), limits: MarkdownLimits = .defaults) {
        self.options = options
        self.limits = limits
    }

    /// Renders `markdown`. `idPrefix` (kept to `[a-z0-9-]`) goes in front of every heading and
    /// footnote id so several documents can share a page; headings never take an id in
    /// `reservedIDs` (the ids the page template itself uses); `headingOffset` moves every heading
    /// down that many levels (capped at `<h6>`), so a writer's `#` fits under the page's own headings;
    /// `topHeadingLevel`, when given, renumbers them instead: the highest level the writer used
    /// becomes that one, and each deeper level used the next, so the page's outline skips no level.
    /// `images` draws the images it knows (with their size); every other image becomes a link
    /// (``ImageMarkup``). Throws, without parsing, when the text is over ``limits``.
    public func html(
        from markdown: String, idPrefix: String = "", reservedIDs: Set<String> = [],
        headingOffset: Int = 0, topHeadingLevel: Int? = nil,
        images: MarkdownImageDrawer? = nil
    ) throws(MarkdownRefusal) -> RenderedMarkdown {
        try limits.check(markdown)
        parseCounter?.count.add(1, ordering: .relaxed)
        let prefix = IDText.kept(idPrefix)
        let document = CmarkDocument(parsing: ControlCharacters.removed(from: markdown), options: options.cmarkOptions)
        ImageMarkup.apply(to: document, drawer: images)
        UnsafeContentFilter.apply(to: document)
        let summary = Self.summary(of: document)
        var anchors = HeadingAnchors(
            prefix: prefix, reserved: reservedIDs, levelOffset: headingOffset,
            topLevel: topHeadingLevel)
        let headings = anchors.apply(to: document)
        // Before footnotes: a reference in a table cell then sits in a custom node that can hold its markup.
        TableMarkup.apply(to: document)
        TaskListItems.apply(to: document, labels: options.taskListLabels)
        FootnoteNumbering.apply(to: document, prefix: prefix)
        return RenderedMarkdown(html: document.html(), headings: headings, summary: summary)
    }

    /// The first paragraph that is body text (not in a footnote, quote or list), as plain text.
    private static func summary(of document: CmarkDocument) -> String? {
        for node in document.nodes() where node.type == CMARK_NODE_PARAGRAPH {
            guard !node.isInside(CMARK_NODE_FOOTNOTE_DEFINITION), !node.isInside(CMARK_NODE_BLOCK_QUOTE),
                !node.isInside(CMARK_NODE_ITEM)
            else { continue }
            let text = (LineText.clean(node.plainText) ?? "")
            if !text.isEmpty { return text }
        }
        return nil
    }
}

/// A count of parses shared by a renderer and its copies.
package final class ParseCounter: Sendable {
    package let count = Atomic<Int>(0)
    package init() {}
    package var value: Int { count.load(ordering: .relaxed) }
}
