import ContentStore
import Foundation
import Templates

/// A theme's Mustache templates, parsed and checked when the theme loads so that a broken theme
/// fails before any page is written, naming the file.
struct ThemeTemplates: Sendable {
    let library: TemplateLibrary
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
        var library = TemplateLibrary()
        var texts: [(file: String, text: String, partials: [String])] = []
        for relative in try ThemeFiles.list(theme, in: "templates", withExtension: "mustache") {
            let file = folder.appendingPathComponent(relative)
            let text = String(
                decoding: try ThemeFiles.read(
                    theme, "templates/" + relative,
                    maxBytes: ThemeFiles.maximumTemplateBytes), as: UTF8.self)
            let template: Template
            do {
                template = try Template(text)
            } catch {
                throw .invalidTemplate(file: file.path, line: error.line, column: error.column, reason: error.reason)
            }
            library.register(template, named: String(relative.dropLast(".mustache".count)))
            texts.append((file.path, text, template.partialNames))
        }
        for name in required where library.template(named: name) == nil {
            throw .missingTemplate(name: name, file: folder.appendingPathComponent("\(name).mustache").path)
        }
        for (file, _, partials) in texts {
            for partial in partials where library.template(named: partial) == nil {
                throw .missingPartial(file: file, partial: partial)
            }
        }
        var wordKeys: [String: String] = [:]
        for (file, text, _) in texts {
            for key in matches(of: wordPattern, in: text) where wordKeys[key] == nil { wordKeys[key] = file }
        }
        return ThemeTemplates(library: library, wordKeys: wordKeys)
    }

    /// Renders the template `name` when the theme has it.
    func renderIfPresent(_ name: String, _ context: some TemplateObject) -> String? {
        library.render(name, context.templateValue)
    }

    /// Renders the template `name` (one of ``required``) with `context`.
    func render(_ name: String, _ context: some TemplateObject) -> String {
        // Presence was checked at load, so nil cannot happen for a required name.
        library.render(name, context.templateValue) ?? ""
    }

    private static let wordPattern = try! NSRegularExpression(pattern: #"\{\{\s*site\.words\.([A-Za-z0-9_]+)\s*\}\}"#)

    private static func matches(of pattern: NSRegularExpression, in text: String) -> [String] {
        pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
