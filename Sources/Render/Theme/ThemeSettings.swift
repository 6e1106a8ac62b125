import ContentStore
import Foundation
import TabiCore
import Yams

/// `theme.yml`: what a theme says about itself. Every key is optional.
///
/// ```yaml
/// name: Default
/// images:              # replaces tabi.yml's `images:` for sites using this theme
///   sizes: "(min-width: 60rem) 56rem, 100vw"
/// ```
struct ThemeSettings: Decodable, Sendable, Equatable {
    var name: String?
    /// Image recipes the theme's layout needs; keys left out take the built-in defaults.
    var images: ImageRecipes?

    static let fileName = "theme.yml"

    /// The settings in `folder`, or empty settings when the theme has no `theme.yml`.
    static func load(from theme: ConfinedFolder) throws(ThemeError) -> ThemeSettings {
        let file = theme.root.appendingPathComponent(fileName)
        guard theme.kind(of: fileName) != .missing else { return ThemeSettings() }
        let text = String(
            decoding: try ThemeFiles.read(theme, fileName, maxBytes: ThemeFiles.maximumTemplateBytes),
            as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ThemeSettings() }
        do { try YAMLGuard.checkText(text, maximumBytes: SiteConfig.maximumBytes) } catch {
            throw .invalidSettings(file: file.path, reason: "the file \(error)")
        }
        do {
            return try YAMLDecoder().decode(ThemeSettings.self, from: text)
        } catch let error as DecodingError {
            throw .invalidSettings(file: file.path, reason: ConfigError(file: fileName, decoding: error).description)
        } catch {
            throw .invalidSettings(file: file.path, reason: String(describing: error))
        }
    }
}
