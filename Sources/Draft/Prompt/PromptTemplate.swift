import Foundation
import TabiCore
import Templates

/// The prompt: a Mustache template the site can replace, rendered as plain text (no HTML escaping).
///
/// Its context: `whole`, `section`, `join` (which call this is; exactly one is true), `final` (a
/// join that writes the story), `wantsStory` (the answer is a story with front matter), `facts`
/// (the trip's facts as compact JSON), `sections` (the drafts a join gets), `part`, `parts`,
/// `places`, `title`, `author`, `language` (a name: "English") and `maxTokens`.
public struct PromptTemplate: Sendable {
    /// The template's text, as written (part of every trip's input hash).
    public let text: String
    /// Where it came from, for messages: a file path, `narrator.prompt in tabi.yml`, or the built-in one.
    public let source: String
    private let template: Template

    /// Parses `text`; a syntax error names `source`, the line and the column.
    public init(text: String, source: String) throws(PromptError) {
        do {
            template = try Template(text)
        } catch {
            throw PromptError(source: source, reason: error.description)
        }
        self.text = text
        self.source = source
    }

    /// The built-in prompt.
    public static let builtIn = try! PromptTemplate(text: DefaultPrompt.text, source: DefaultPrompt.name)

    /// The site's prompt: `narrator.prompt` (inline), else `narrator.promptFile`, else
    /// `<theme>/prompt.mustache` when the theme has one, else the built-in prompt.
    public static func load(settings: NarratorSettings, theme: URL?) throws(PromptError) -> PromptTemplate {
        if let inline = settings.prompt { return try PromptTemplate(text: inline, source: "narrator.prompt in tabi.yml") }
        if let path = settings.promptFile { return try file(URL(fileURLWithPath: path), required: true)! }
        if let theme, let template = try file(theme.appendingPathComponent("prompt.mustache"), required: false) {
            return template
        }
        return builtIn
    }

    private static func file(_ url: URL, required: Bool) throws(PromptError) -> PromptTemplate? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required { throw PromptError(source: url.path, reason: "does not exist (narrator.promptFile in tabi.yml)") }
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw PromptError(source: url.path, reason: "cannot be read as UTF-8 text")
        }
        return try PromptTemplate(text: text, source: url.path)
    }

    // MARK: - Rendering

    /// The prompt for `task`, written in `language` (a BCP 47 tag), answered in up to `maxTokens`.
    public func render(_ task: NarrationTask, language: String, maxTokens: Int) -> String {
        var context: [String: TemplateValue] = [
            "whole": .bool(false), "section": .bool(false), "join": .bool(false), "final": .bool(false),
            "wantsStory": .bool(task.wantsStory), "language": .text(Self.languageName(language)),
            "maxTokens": maxTokens.templateValue,
        ]
        let facts: NarrationFacts
        switch task {
        case .whole(let whole):
            facts = whole
            context["whole"] = .bool(true)
        case .section(let part, let number, let count):
            facts = part
            context["section"] = .bool(true)
            context["part"] = number.templateValue
            context["parts"] = count.templateValue
            var seen = Set<String>()
            context["places"] = .text(part.posts.compactMap(\.place).filter { seen.insert($0).inserted }.joined(separator: ", "))
        case .join(let overview, let sections, let final):
            facts = overview
            context["join"] = .bool(true)
            context["final"] = .bool(final)
            context["sections"] = .text(
                sections.enumerated().map { index, text in
                    "[Part \(index + 1)]\n" + text.trimmingCharacters(in: .whitespacesAndNewlines)
                }.joined(separator: "\n\n"))
        }
        context["facts"] = .text(facts.json)
        context["title"] = .text(facts.title)
        context["author"] = facts.author.map(TemplateValue.text) ?? .bool(false)
        // A prompt is text, not HTML: `{{facts}}` is as it is, like `{{{facts}}}`.
        return template.render(context.templateValue, escaping: .none)
    }

    /// The language's English name ("English" for `en`, "Japanese" for `ja`), which every model
    /// reads; the tag itself when unknown.
    static func languageName(_ tag: String) -> String {
        Locale(identifier: "en_US_POSIX").localizedString(forIdentifier: tag) ?? tag
    }
}

/// A prompt template that cannot be used, naming its file (or setting) and what is wrong.
public struct PromptError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "the prompt template \(source): \(reason)" }
}
