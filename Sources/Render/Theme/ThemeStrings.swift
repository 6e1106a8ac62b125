import ContentStore
import Foundation
import TabiCore
import Yams

/// A theme's fixed words by language, from `strings/<language>.yml`: what its templates show as
/// `{{site.words.<key>}}` and the phrases tabi-press writes into pages (dates, counts, headings).
///
/// ```yaml
/// # strings/fr.yml: keys are lower_snake_case; `{name}` marks a value filled in
/// all_trips: Tous les voyages
/// date_from: "Depuis le {date}"
/// posts: {one: "{count} billet", other: "{count} billets"}
/// ```
///
/// A file is named by a language tag (`fr`, `pt-BR`); a key it leaves out comes from the
/// theme's `en.yml`, then from the built-in English (``SiteWords``).
struct ThemeStrings: Sendable, Equatable {
    /// Each file's words, by its language tag in lower case.
    let languages: [String: [String: ThemeWord]]

    static let folder = "strings"
    /// The most keys one file may have: a strings file is a short list, not a database.
    static let maximumKeys = 500

    static func load(from theme: ConfinedFolder) throws(ThemeError) -> ThemeStrings {
        var languages: [String: [String: ThemeWord]] = [:]
        for relative in try ThemeFiles.list(theme, in: folder, withExtension: "yml") where !relative.contains("/") {
            let file = theme.root.appendingPathComponent(folder + "/" + relative).path
            let text = String(
                decoding: try ThemeFiles.read(theme, folder + "/" + relative, maxBytes: ThemeFiles.maximumTemplateBytes),
                as: UTF8.self)
            languages[String(relative.dropLast(".yml".count)).lowercased()] = try words(in: text, file: file)
        }
        return ThemeStrings(languages: languages)
    }

    private static func words(in text: String, file: String) throws(ThemeError) -> [String: ThemeWord] {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        do { try YAMLGuard.checkText(text, maximumBytes: ThemeFiles.maximumTemplateBytes) } catch {
            throw .invalidStrings(file: file, reason: "the file \(error)")
        }
        let table: [String: ThemeWord]
        do {
            // Anchors and aliases are refused (the "billion laughs"), checked while the parser
            // that owns them is alive.
            let parser = try Parser(yaml: text, encoding: .utf8)
            guard let node = try parser.singleRoot() else { return [:] }
            try withExtendedLifetime(parser) { () throws(YAMLGuard.Refusal) in try YAMLGuard.checkNoAnchors(node) }
            table = try YAMLDecoder().decode([String: ThemeWord].self, from: node)
        } catch let refusal as YAMLGuard.Refusal {
            throw .invalidStrings(file: file, reason: "the file \(refusal)")
        } catch let error as DecodingError {
            throw .invalidStrings(file: file, reason: ConfigError(file: (file as NSString).lastPathComponent, decoding: error).description)
        } catch {
            throw .invalidStrings(file: file, reason: String(describing: error))
        }
        guard table.count <= maximumKeys else {
            throw .invalidStrings(file: file, reason: "it has \(table.count) keys, more than the limit of \(maximumKeys)")
        }
        for key in table.keys.sorted()
        where !key.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) {
            throw .invalidStrings(file: file, reason: "the key \"\(key)\" is not lower_snake_case")
        }
        return table
    }
}

/// One entry of a strings file: a text, or a text per plural form (`one` and `other`).
enum ThemeWord: Sendable, Equatable, Decodable {
    case text(String)
    case plural(one: String?, other: String)

    private enum Keys: String, CodingKey { case one, other }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        let forms = try decoder.container(keyedBy: Keys.self)
        self = .plural(one: try forms.decodeIfPresent(String.self, forKey: .one), other: try forms.decode(String.self, forKey: .other))
    }
}
