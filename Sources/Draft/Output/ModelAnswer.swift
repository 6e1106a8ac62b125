import Foundation
import TabiCore

/// A model's answer, read as untrusted text: unwrapped from the code fence or preamble models
/// like to add, then parsed as a story (front matter + Markdown) or a section of one.
///
/// Nothing in an answer is ever executed; HTML in it stays inert because the build renders
/// stories in safe mode. Answers are bounded: a longer one fails its trip before it is parsed.
public enum ModelAnswer {
    /// The most bytes of an answer's HTTP body read from the network (its JSON envelope included).
    public static let maxResponseBytes = 8 << 20
    /// The most bytes (UTF-8) of an answer's text taken as a story or a section: far above what
    /// `narrator.maxTokens` lets a model write, far below what could hurt parsing or a page.
    public static let maxTextBytes = 1 << 20

    /// The story in a whole-story answer. Throws when it is too long, its front matter does not
    /// parse or its body is empty.
    public static func story(_ text: String) throws(ModelAnswerError) -> Story {
        try checkLength(of: text)
        var text = unwrapped(text)
        if !text.hasPrefix("---\n"), let start = frontMatterStart(in: text) {
            text = String(text[start...])  // "Here is your story:" before the front matter
        }
        var story: Story
        do {
            story = try Story(parsing: text)
        } catch {
            throw ModelAnswerError(reason: error.description)
        }
        story.body = dropTitleHeading(from: story.body, title: &story.frontMatter.title)
        guard story.body.contains(where: { !$0.isWhitespace }) else { throw ModelAnswerError(reason: "the story has no text") }
        return story
    }

    /// The Markdown of a section answer: unwrapped, with any front matter a model added anyway dropped.
    public static func section(_ text: String) throws(ModelAnswerError) -> String {
        try checkLength(of: text)
        let text = unwrapped(text)
        var body = text
        if text.hasPrefix("---\n"), let story = try? Story(parsing: text) { body = story.body }
        body = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw ModelAnswerError(reason: "a part came back empty") }
        return body + "\n"
    }

    private static func checkLength(of text: String) throws(ModelAnswerError) {
        let bytes = text.utf8.count
        guard bytes <= maxTextBytes else {
            throw ModelAnswerError(reason: "it is \(bytes) bytes long, more than the limit of \(maxTextBytes) bytes")
        }
    }

    // MARK: - Repairs

    /// Line endings made `\n`, a byte-order mark dropped, surrounding blank lines trimmed, and a
    /// ```` ```markdown ```` fence around the whole answer removed.
    static func unwrapped(_ raw: String) -> String {
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first {
            let fence = first.prefix { $0 == "`" || $0 == "~" }
            let info = first.dropFirst(fence.count).trimmingCharacters(in: .whitespaces).lowercased()
            if fence.count >= 3, Set(fence).count == 1, ["", "markdown", "md", "yaml"].contains(info) {
                lines.removeFirst()
                // The closing fence is missing when the answer was cut off.
                if lines.last?.trimmingCharacters(in: .whitespaces) == String(fence) { lines.removeLast() }
                text = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return text + "\n"
    }

    /// Where front matter starts after a short preamble, if there is one: a `---` line within the
    /// first few lines, followed by a `title:` key.
    static func frontMatterStart(in text: String) -> String.Index? {
        var index = text.startIndex
        for _ in 0..<6 {
            guard let end = text[index...].firstIndex(of: "\n") else { return nil }
            let next = text.index(after: end)
            if text[index..<end].trimmingCharacters(in: .whitespaces) == "---",
                text[next...].prefix(400).contains("title:")
            {
                return index
            }
            index = next
        }
        return nil
    }

    /// Drops a leading `# Heading` that repeats the title (the page shows the title already), or
    /// takes it as the title when the front matter has none.
    static func dropTitleHeading(from body: String, title: inout String?) -> String {
        let trimmed = body.drop { $0 == "\n" || $0 == " " }
        guard trimmed.hasPrefix("# ") else { return body }
        let line = trimmed.prefix { $0 != "\n" }
        let heading = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
        if let current = title, current.lowercased() != heading.lowercased() { return body }
        if title == nil { title = heading }
        return String(trimmed.dropFirst(line.count)).drop { $0 == "\n" }.description
    }
}

/// A model answer that cannot be used as a story.
public struct ModelAnswerError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public var description: String { "the model's answer is not a usable story: \(reason)" }
}
