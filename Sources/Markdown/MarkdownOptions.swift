import CCmarkGFM

/// How Markdown is read. GFM tables, strikethrough, autolinks and task lists are always on, and
/// so is safe mode: these options cannot let raw HTML through.
public struct MarkdownOptions: Sendable, Equatable {
    /// Curly quotes, en and em dashes, ellipses (`"a" -- b...` → `“a” – b…`).
    public var smartPunctuation: Bool
    /// `[^1]` references and `[^1]: …` definitions.
    public var footnotes: Bool
    /// Every newline in a paragraph becomes a `<br>` (how chat-like app posts are usually typed).
    public var hardBreaks: Bool
    /// The accessible names of task-list checkboxes, in the page's language.
    public var taskListLabels: TaskListLabels

    public init(
        smartPunctuation: Bool = true, footnotes: Bool = true, hardBreaks: Bool = false,
        taskListLabels: TaskListLabels = .english
    ) {
        self.smartPunctuation = smartPunctuation
        self.footnotes = footnotes
        self.hardBreaks = hardBreaks
        self.taskListLabels = taskListLabels
    }

    /// The cmark option bits. Never `CMARK_OPT_UNSAFE`.
    var cmarkOptions: Int32 {
        var bits = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        if smartPunctuation { bits |= CMARK_OPT_SMART }
        if footnotes { bits |= CMARK_OPT_FOOTNOTES }
        if hardBreaks { bits |= CMARK_OPT_HARDBREAKS }
        return bits
    }
}
