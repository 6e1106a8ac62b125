import SafeText

/// Untrusted text made fit for pages and feeds: what escaping cannot fix is removed here.
enum PlainText {
    /// ``LineText/clean(_:)`` of text that may be missing.
    static func clean(_ text: String?) -> String? {
        text.flatMap(LineText.clean)
    }

    /// At most `limit` characters, cut at a word boundary with `…` when it had to be cut
    /// (meta descriptions and feed summaries).
    static func truncated(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit - 1)
        let atWord = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return atWord.trimmingTrailingPunctuation() + "…"
    }
}

private extension Substring {
    func trimmingTrailingPunctuation() -> String {
        var text = self
        while let last = text.last, last == " " || last == "," || last == ";" || last == ":" || last == "—" || last == "–" {
            text = text.dropLast()
        }
        return String(text)
    }
}
