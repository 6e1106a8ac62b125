import ContentStore
import Foundation
import TabiCore

/// A site theme, loaded from `Themes/<name>/`:
///
/// ```
/// theme.yml            optional: name, image recipe overrides
/// templates/*.mustache home, trip and 404 pages, plus any partials (`{{>photo}}`, `{{<layout}}`)
/// assets/**            published with a content hash in the name; templates use `{{assets.style_css}}`
/// strings/<lang>.yml   optional: the theme's words in a language (``ThemeStrings``)
/// ```
public struct Theme: Sendable {
    /// The folder's name, or `name` from `theme.yml`.
    public let name: String
    /// Image recipes the theme asks for, from `theme.yml`'s `images:`; nil when it has none.
    public let imageRecipes: ImageRecipes?
    /// The published assets, sorted by source path.
    public let assets: [ThemeAsset]
    let templates: ThemeTemplates
    let strings: ThemeStrings

    /// Loads and checks a theme: every template parses, the required pages exist, every partial
    /// a template uses exists. Throws ``ThemeError`` naming the file otherwise.
    public static func load(from folder: URL) throws(ThemeError) -> Theme {
        let theme = ConfinedFolder(folder)
        let settings = try ThemeSettings.load(from: theme)
        let templates = try ThemeTemplates.load(from: theme)
        let assets = try ThemeAssetLoader.load(from: theme)
        let strings = try ThemeStrings.load(from: theme)
        let known = Set(SiteWords.english.keys).union(strings.languages["en"].map { Array($0.keys) } ?? [])
        for (key, file) in templates.wordKeys.sorted(by: { $0.key < $1.key }) where !known.contains(key) {
            throw .unknownWord(file: file, key: key)
        }
        return Theme(
            name: settings.name ?? folder.lastPathComponent, imageRecipes: settings.images,
            assets: assets, templates: templates, strings: strings)
    }
}
