import Markdown

/// Markdown → HTML in safe mode, on any text: never crashes, refuses only what is over its
/// limits, prints only safe HTML (``HTMLSafety``) of bounded size, and the same HTML every time.
public enum MarkdownCheck {
    /// The most HTML one byte of Markdown may become (footnote references and padded table rows
    /// are the largest: `[^1]` is a hundred bytes of markup, a one-`|` row under a 64-column
    /// header is 64 empty cells), plus a constant for the footnote section.
    public static let maximumGrowth = 400
    public static let overhead = 64 << 10

    public static func findings(_ input: inout FuzzInput) -> [String] {
        let flags = input.byte()
        let options = MarkdownOptions(
            smartPunctuation: flags & 1 != 0, footnotes: flags & 2 == 0,
            hardBreaks: flags & 4 != 0)
        var limits = MarkdownLimits.defaults
        if flags & 8 != 0 {
            limits = MarkdownLimits(
                maximumBytes: input.int(in: 0...512), maximumNesting: input.int(in: 0...4),
                maximumTableColumns: input.int(in: 0...4))
        }
        let prefix = flags & 16 != 0 ? input.text(.path, pieces: 3) : ""
        let offset = input.int(in: -2...7)
        let markdown = input.text(.markdown, pieces: 600)
        return findings(
            markdown: markdown, renderer: MarkdownRenderer(options: options, limits: limits),
            idPrefix: prefix, headingOffset: offset)
    }

    public static func findings(
        markdown: String, renderer: MarkdownRenderer = MarkdownRenderer(),
        idPrefix: String = "", headingOffset: Int = 0
    ) -> [String] {
        let rendered: RenderedMarkdown
        do {
            rendered = try renderer.html(
                from: markdown, idPrefix: idPrefix, reservedIDs: ["main", "top"],
                headingOffset: headingOffset)
        } catch {
            return refusalProblems(error, markdown: markdown, limits: renderer.limits)
        }
        var problems = HTMLSafety.problems(in: rendered.html)
        let bound = maximumGrowth * markdown.utf8.count + overhead
        if rendered.html.utf8.count > bound {
            problems.append("\(markdown.utf8.count) bytes of Markdown gave \(rendered.html.utf8.count) bytes of HTML, over \(bound)")
        }
        let ids = rendered.headings.map(\.id)
        if Set(ids).count != ids.count { problems.append("two headings share an id: \(ids)") }
        if ids.contains(where: { ["main", "top"].contains($0) }) { problems.append("a heading took a reserved id: \(ids)") }
        let again = try? renderer.html(
            from: markdown, idPrefix: idPrefix, reservedIDs: ["main", "top"],
            headingOffset: headingOffset)
        if again?.html.utf8.elementsEqual(rendered.html.utf8) != true { problems.append("a second render differs") }
        return problems
    }

    /// A refusal must name a real excess: a size over the limit (the others are estimates that
    /// may only run high, so any count over the limit is a fair refusal).
    private static func refusalProblems(_ refusal: MarkdownRefusal, markdown: String, limits: MarkdownLimits) -> [String] {
        switch refusal {
        case .tooLarge(let bytes, let limit):
            bytes == markdown.utf8.count && bytes > limit ? [] : ["refused as \(bytes) bytes over \(limit)"]
        case .tooDeep(let depth, let limit, _):
            depth > limit ? [] : ["refused as \(depth) deep, within \(limit)"]
        case .tooManyColumns(let count, let limit, _):
            count > limit ? [] : ["refused for \(count) columns, within \(limit)"]
        }
    }
}
