import CCmarkGFM
import Foundation
import SafeText

/// Gives every heading a stable `id` so sections can be linked: the heading's text made into a
/// slug (`Day 2: Arashiyama` → `day-2-arashiyama`), with `-1`, `-2` added to repeats. Ids only ever
/// hold `[a-z0-9-]`, whatever the heading says.
///
/// cmark's HTML renderer cannot add attributes, so each heading is replaced by a custom block
/// holding a custom inline that prints `<hN id="…">` and `</hN>` around the heading's own inline
/// children (the inline keeps the tags on the text's line; a block would wrap them in newlines).
struct HeadingAnchors {
    /// Put in front of every id (e.g. `post-3-`) so several documents can share one page.
    let prefix: String
    /// Added to every heading's level (capped at 6), so a document's `#` can sit below the page's own headings.
    let levelOffset: Int
    /// When set, headings are renumbered instead: the document's highest level becomes this one and
    /// each deeper level the writer used the next (`##`, `####` → `<h2>`, `<h3>`), so no level is skipped.
    let topLevel: Int?
    /// Ids the page already uses; a heading never takes one of them.
    private var used: Set<String>

    /// The longest slug taken from a heading's text, before any `-N` suffix.
    static let maximumSlugLength = 64

    init(prefix: String, reserved: Set<String>, levelOffset: Int, topLevel: Int? = nil) {
        self.prefix = prefix
        self.used = reserved
        self.levelOffset = max(levelOffset, 0)
        self.topLevel = topLevel.map { min(max($0, 1), 6) }
    }

    /// Rewrites the headings of `document` and returns them in document order.
    mutating func apply(to document: CmarkDocument) -> [MarkdownHeading] {
        var headings: [MarkdownHeading] = []
        let nodes = document.nodes().filter { $0.type == CMARK_NODE_HEADING }
        let written = Set(nodes.map { max($0.headingLevel, 1) }).sorted()
        for node in nodes {
            let text = LineText.clean(node.plainText) ?? ""
            let id = claim(Self.slug(text))
            let source = max(node.headingLevel, 1)
            let level = min(topLevel.map { $0 + written.firstIndex(of: source)! } ?? source + levelOffset, 6)
            let tags = CmarkNode.custom(block: false, enter: "<h\(level) id=\"\(id)\">", exit: "</h\(level)>")
            node.moveChildren(to: tags)
            let block = CmarkNode.custom(block: true, enter: "", exit: "")
            block.append(tags)
            document.replace(node, with: block)
            headings.append(MarkdownHeading(level: level, text: text, id: id))
        }
        return headings
    }

    /// The first free id for `slug`: `prefix + slug`, else with `-1`, `-2`, … appended.
    private mutating func claim(_ slug: String) -> String {
        var base = prefix + slug
        // Footnote ids are `fn-…`/`fnref-…`: a heading never lands in that namespace.
        if base.hasPrefix("fn-") || base.hasPrefix("fnref-") { base = prefix + "section-" + slug }
        var candidate = base
        var counter = 0
        while used.contains(candidate) {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        used.insert(candidate)
        return candidate
    }

    // MARK: - Slugs

    /// The heading's text as a slug (``Slug/make(from:maximumLength:)``, the rule trip names
    /// follow too); `section` when nothing usable is left (an emoji-only heading).
    static func slug(_ text: String) -> String {
        SlugText.make(from: text, maximumLength: maximumSlugLength) ?? "section"
    }
}
