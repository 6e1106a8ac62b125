import Foundation
import Mustache

/// A theme's Mustache templates, parsed and checked when the theme loads so that a broken theme
/// fails before any page is written, naming the file.
struct ThemeTemplates: Sendable {
    let library: MustacheLibrary

    /// The pages every theme provides, as `templates/<name>.mustache`.
    static let required = ["home", "trip", "404"]

    static func load(from folder: URL) throws(ThemeError) -> ThemeTemplates {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .folderNotFound(path: folder.deletingLastPathComponent().path)
        }
        precondition(SafeHTMLContentType.registered)
        var library = MustacheLibrary()
        var texts: [(name: String, file: String, text: String)] = []
        for relative in ThemeFiles.list(in: folder, withExtension: "mustache") {
            let file = folder.appendingPathComponent(relative)
            let text = String(decoding: try ThemeFiles.read(file), as: UTF8.self)
            let name = String(relative.dropLast(".mustache".count))
            do {
                // The pragma takes no line of its own, so line numbers in errors stay the file's.
                library.register(try MustacheTemplate(string: SafeHTMLContentType.pragma + text), named: name)
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber, column = error.context.columnNumber
                throw .invalidTemplate(file: file.path, line: line,
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
        return ThemeTemplates(library: library)
    }

    /// Renders the template `name` (one of ``required``) with `context`.
    func render(_ name: String, _ context: Any) -> String {
        // Presence was checked at load, so nil cannot happen for a required name.
        library.render(context, withTemplate: name) ?? ""
    }

    private static let partialPattern = try! NSRegularExpression(pattern: #"\{\{\s*[<>]\s*([^}\s]+)\s*\}\}"#)

    /// The names used as `{{>partial}}` or `{{<parent}}` (with the default `{{ }}` delimiters).
    static func partialNames(in text: String) -> [String] {
        partialPattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
