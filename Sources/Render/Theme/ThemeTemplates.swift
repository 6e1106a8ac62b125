import ContentStore
import Foundation
import Mustache

/// A theme's Mustache templates, parsed and checked when the theme loads so that a broken theme
/// fails before any page is written, naming the file.
struct ThemeTemplates: Sendable {
    let library: MustacheLibrary
    /// The words the templates use (`{{site.words.<key>}}`), with the file using each.
    let wordKeys: [String: String]

    /// The pages every theme provides, as `templates/<name>.mustache`.
    static let required = ["home", "trip", "404"]

    static func load(from theme: ConfinedFolder) throws(ThemeError) -> ThemeTemplates {
        let folder = theme.root.appendingPathComponent("templates")
        switch theme.kind(of: "templates") {
        case .folder: break
        case .link:
            throw .unreadable(file: folder.path, reason: "is a symbolic link (links inside a theme are never followed)")
        default:
            throw .folderNotFound(path: theme.root.path)
        }
        precondition(SafeHTMLContentType.registered)
        var library = MustacheLibrary()
        var texts: [(name: String, file: String, text: String)] = []
        for relative in try ThemeFiles.list(theme, in: "templates", withExtension: "mustache") {
            let file = folder.appendingPathComponent(relative)
            let text = String(
                decoding: try ThemeFiles.read(
                    theme, "templates/" + relative,
                    maxBytes: ThemeFiles.maximumTemplateBytes), as: UTF8.self)
            let name = String(relative.dropLast(".mustache".count))
            do {
                // The pragma takes no line of its own, so line numbers in errors stay the file's.
                library.register(try MustacheTemplate(string: SafeHTMLContentType.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber, column = error.context.columnNumber
                throw .invalidTemplate(
                    file: file.path, line: line,
                    column: line == 1 ? max(column - SafeHTMLContentType.pragma.count, 0) : column,
                    reason: String(describing: error.error))
            } catch {
                throw .invalidTemplate(file: file.path, line: 0, column: 0, reason: String(describing: error))
            }
            texts.append((name, file.path, text))
        }
        for name in required where library.getTemplate(named: name) == nil {
            throw .missingTemplate(name: name, file: folder.appendingPathComponent("\(name).mustache").path)
        }
        for (_, file, text) in texts {
            for partial in partialNames(in: text) where library.getTemplate(named: partial) == nil {
                throw .missingPartial(file: file, partial: partial)
            }
        }
        var wordKeys: [String: String] = [:]
        for (_, file, text) in texts {
            for key in matches(of: wordPattern, in: text) where wordKeys[key] == nil { wordKeys[key] = file }
        }
        return ThemeTemplates(library: library, wordKeys: wordKeys)
    }

    /// Renders the template `name` when the theme has it.
    func renderIfPresent(_ name: String, _ context: Any) -> String? {
        library.getTemplate(named: name) == nil ? nil : library.render(context, withTemplate: name)
    }

    /// Renders the template `name` (one of ``required``) with `context`.
    func render(_ name: String, _ context: Any) -> String {
        // Presence was checked at load, so nil cannot happen for a required name.
        library.render(context, withTemplate: name) ?? ""
    }

    private static let partialPattern = try! NSRegularExpression(pattern: #"\{\{\s*[<>]\s*([^}\s]+)\s*\}\}"#)
    private static let wordPattern = try! NSRegularExpression(pattern: #"\{\{\s*site\.words\.([A-Za-z0-9_]+)\s*\}\}"#)

    /// The names used as `{{>partial}}` or `{{<parent}}` (with the default `{{ }}` delimiters).
    static func partialNames(in text: String) -> [String] {
        matches(of: partialPattern, in: text)
    }

    private static func matches(of pattern: NSRegularExpression, in text: String) -> [String] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
