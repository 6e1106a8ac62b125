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
    static func load(from folder: URL) throws(ThemeError) -> ThemeSettings {
        let file = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return ThemeSettings() }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw .unreadable(file: file.path, reason: error.localizedDescription)
        }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ThemeSettings() }
        do {
            return try YAMLDecoder().decode(ThemeSettings.self, from: text)
        } catch let error as DecodingError {
            throw .invalidSettings(file: file.path, reason: ConfigError(file: fileName, decoding: error).description)
        } catch {
            throw .invalidSettings(file: file.path, reason: String(describing: error))
        }
    }
}
