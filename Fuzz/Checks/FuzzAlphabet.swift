/// The pieces fuzzed text is made of, per kind of input: syntax that changes how the text is
/// read, next to the characters escaping must never miss.
public struct FuzzAlphabet: Sendable {
    public var tokens: [String]

    public init(_ tokens: [String]) { self.tokens = tokens }

    /// Marks that join the character before them into one `Character`: the trap for any code
    /// that compares `Character`s instead of bytes or scalars.
    public static let gluing: [Unicode.Scalar] = [
        "\u{0300}", "\u{0301}", "\u{0338}", "\u{036F}", "\u{20DD}", "\u{200C}", "\u{200D}", "\u{FE0F}",
        "\u{E0100}", "\u{1F3FB}", "\u{0903}", "\u{0600}", "\u{FF9E}",
    ]

    static let markup = ["<", ">", "&", "\"", "'", "&amp;", "&#", "&#x", ";", "=", "/", "\\"]
    static let glue = ["\u{301}", "\u{200D}", "\u{FE0F}", "\u{0338}"]
    static let breaks = ["\n", "\r\n", "\r", "\t", " ", "  ", "\u{0}", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}"]

    /// Markdown: blocks, containers, tables, footnotes, links, raw HTML and script addresses.
    public static let markdown = FuzzAlphabet(
        markup + glue + breaks + breaks + [
            "\n\n", "# ", "## ", "###### ", "> ", "- ", "* ", "+ ", "1. ", "2) ", "    ", "```", "~~~", "---", "===",
            "|", " | ", "|---|", "| --- |", ":-:", "[^1]", "[^1]: ", "[^a]", "[^a]: ", "[^", "]:", "[", "]", "(", ")",
            "![", "](", "<http://a.b>", "http://", "https://x.y/", "www.x.y", "a@b.c", "mailto:", "javascript:",
            "JaVaScRiPt:", "java\tscript:", "jav&#x61;script:", "&#106;", "data:", "vbscript:", "file:", "<script>",
            "</script>", "<img src=x onerror=alert(1)>", "<a href=", "onclick=", "<!--", "-->", "<![CDATA[", "*", "**",
            "_", "__", "~~", "`", "``", "[ ] ", "[x] ", "\\", "&copy;", "...", "--", "\"", "'", "é", "Ω", "東京",
            "alert(1)", "x", "text", "1", "#",
        ])

    /// YAML front matter: every quoting style, flow and block nesting, anchors, aliases, tags, comments.
    public static let yaml = FuzzAlphabet(
        markup + glue + breaks + [
            "\n", "\n", "\n  ", "\n- ", ": ", ":", "- ", "? ", "[", "]", "{", "}", ", ", ",", "'", "''", "\"", "\\\"",
            "\\", "#", " #", "&a ", "&a", "*a", "&b [", "*b", "<<: ", "!!str ", "!t ", "!a[", "|\n", "|-\n  ", ">\n  ",
            "---", "...", "%YAML 1.1\n", "title", "summary", "tags", "draft", "date", "cover", "true", "null", "~",
            "2024-11-02", "x", "it's", "a b", "0", "-1", "@", "`",
        ])

    /// Paths and storage keys: separators, dots, and marks that glue onto them.
    public static let path = FuzzAlphabet(
        glue + glue + [
            "/", "/", "//", ".", "..", "../", "./", "/..", "\\", "\u{0}", "\n", "\u{7F}", "~", "a", "b", "photo.jpg",
            "%2e", "%2f", "\u{2215}", "\u{FF0F}", "\u{2024}", "\u{FE52}", "\u{301}", "é", " ", "",
        ])

    /// Titles for slugs: scripts that transliterate, digits, and runs of separators.
    public static let title = FuzzAlphabet(
        glue + breaks + [
            "Tōkyō", "Москва", "東京", "Ελλάδα", "Straße", "ŒUVRE", "İstanbul", "ﬁ", "Å", "ß", "a", "Z", "0", "9", "-",
            "--", " ", "_", ".", "..", "/", "../", "!", "🙂", "👩‍👩‍👧", "x", "trip", "2024",
        ])

    /// Text for escapers: markup characters, each often glued to a mark.
    public static let escapable = FuzzAlphabet(
        markup + markup + glue + glue + breaks + [
            "\"\u{301}", "'\u{200D}", "<\u{338}", ">\u{FE0F}", "&\u{20DD}", "\u{0600}\"", "a", "é", "\u{FFFE}",
            "\u{FFFF}", "\u{1}", "\u{1F}", "\u{D7FF}", "\u{E000}", "\u{10FFFF}",
        ])
}
