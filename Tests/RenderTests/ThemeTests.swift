import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// Loading themes: hashed assets, template checks, settings, and errors that name the file.
@Suite struct ThemeTests {
    @Test func defaultThemeLoadsWithHashedAssets() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        #expect(theme.name == "Default")
        #expect(theme.imageRecipes == nil)
        let style = try #require(theme.assets.first { $0.source == "style.css" })
        #expect(style.lookupKey == "style_css")
        #expect(style.path.range(of: "^assets/style\\.[0-9a-f]{8}\\.css$", options: .regularExpression) != nil)
        #expect(style.path.contains(String(ContentHash.sha256(style.data).prefix(8))))
    }

    @Test func pagesReferenceTheHashedAssetsAndEveryReferenceExists() throws {
        let site = try RenderedSite.fixtures()
        let assetPaths = Set(site.paths.filter { $0.hasPrefix("assets/") })
        #expect(assetPaths.count == 2)
        for (path, html) in site.htmlPages where path != "404.html" {
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            let references = Markup.matches("(?:href|src)=\"\(NSRegularExpression.escapedPattern(for: root))(assets/[^\"]+)\"", in: html)
                .map { $0[1] }
            #expect(Set(references) == assetPaths, "\(path) references \(references)")
        }
    }

    @Test func changingAnAssetChangesItsNameAndThePagesFollow() throws {
        let before = try Theme.load(from: RepositoryPaths.defaultTheme)
        let copy = try ThemeCopy()
        try copy.append("assets/style.css", "\n.new-rule { color: red; }\n")
        let after = try Theme.load(from: copy.url)
        let oldPath = try #require(before.assets.first { $0.source == "style.css" }?.path)
        let newPath = try #require(after.assets.first { $0.source == "style.css" }?.path)
        #expect(oldPath != newPath)
        #expect(before.assets.first { $0.source == "favicon.svg" }?.path == after.assets.first { $0.source == "favicon.svg" }?.path)
        let page = try SiteRenderer(config: TripFixtures.config, theme: after)
            .renderTrip(TripFixtures.lisbon, renditions: [:]).files[0]
        let html = String(decoding: page.data, as: UTF8.self)
        #expect(html.contains("href=\"../../\(newPath)\""))
        #expect(!html.contains(oldPath))
    }

    @Test func stylesheetURLsPointAtHashedAssets() throws {
        let copy = try ThemeCopy()
        try copy.write("assets/fonts/journal.woff2", "not really a font")
        try copy.append(
            "assets/style.css",
            "\n@font-face { font-family: J; src: url(\"fonts/journal.woff2?v=2\") format(\"woff2\"); }\n"
                + ".x { background: url(https://cdn.example.com/a.png), url(missing.png); }\n")
        let theme = try Theme.load(from: copy.url)
        let font = try #require(theme.assets.first { $0.source == "fonts/journal.woff2" })
        #expect(font.lookupKey == "fonts_journal_woff2")
        let css = String(decoding: try #require(theme.assets.first { $0.source == "style.css" }).data, as: UTF8.self)
        let fontFile = String(font.path.dropFirst("assets/".count))
        #expect(css.contains("url(\"\(fontFile)?v=2\")"))
        #expect(css.contains("url(https://cdn.example.com/a.png), url(missing.png)"))
    }

    @Test func missingRequiredTemplateNamesTheFile() throws {
        let copy = try ThemeCopy()
        try copy.remove("templates/trip.mustache")
        let error = try #require(throws: ThemeError.self) { try Theme.load(from: copy.url) }
        guard case .missingTemplate(let name, let file) = error else { Issue.record("got \(error)"); return }
        #expect(name == "trip")
        #expect(file.hasSuffix("templates/trip.mustache"))
        #expect(error.description.contains("trip.mustache"))
    }

    @Test func templateSyntaxErrorNamesTheFileAndLine() throws {
        let copy = try ThemeCopy()
        try copy.write("templates/home.mustache", "{{<layout}}\n{{$main}}\n{{#trips}}\n<p>{{title}}</p>\n{{/main}}\n{{/layout}}\n")
        let error = try #require(throws: ThemeError.self) { try Theme.load(from: copy.url) }
        guard case .invalidTemplate(let file, let line, _, _) = error else { Issue.record("got \(error)"); return }
        #expect(file.hasSuffix("templates/home.mustache"))
        #expect(line > 0)
        #expect(error.description.contains("home.mustache:\(line)"))
    }

    @Test func unknownPartialIsAnErrorNamingTheTemplate() throws {
        let copy = try ThemeCopy()
        try copy.append("templates/404.mustache", "{{> partials/nowhere }}\n")
        #expect(
            throws: ThemeError.missingPartial(
                file: copy.url.appendingPathComponent("templates/404.mustache").path,
                partial: "partials/nowhere")
        ) {
            try Theme.load(from: copy.url)
        }
    }

    @Test func missingFolderIsAnError() {
        let missing = URL(fileURLWithPath: "/nonexistent/theme-\(UUID().uuidString)")
        #expect(throws: ThemeError.folderNotFound(path: missing.path)) { try Theme.load(from: missing) }
    }

    @Test func themeSettingsCarryImageRecipes() throws {
        let copy = try ThemeCopy()
        try copy.write("theme.yml", "name: Journal\nimages:\n  widths: [400, 800]\n  sizes: \"50vw\"\n")
        let theme = try Theme.load(from: copy.url)
        #expect(theme.name == "Journal")
        let recipes = try #require(theme.imageRecipes)
        #expect(recipes.widths == [400, 800])
        #expect(recipes.sizes == "50vw")
        #expect(recipes.medium == ImageRecipes.defaults.medium)
        let renderer = SiteRenderer(config: TripFixtures.config, theme: theme)
        #expect(renderer.imageRecipes == recipes)
        // A site whose tabi.yml sets `images:` keeps its own recipes over the theme's.
        let site = try SiteConfig(yaml: "images:\n  widths: [300]\n")
        #expect(SiteRenderer(config: site, theme: theme).imageRecipes.widths == [300])
        // Limits alone are not recipes: the theme's still apply.
        let limited = try SiteConfig(yaml: "images:\n  maxPixels: 1000\n")
        #expect(SiteRenderer(config: limited, theme: theme).imageRecipes == recipes)
        #expect(limited.imageLimits.maxPixels == 1000)
    }

    @Test func invalidThemeSettingsNameTheFileAndKey() throws {
        let copy = try ThemeCopy()
        try copy.write("theme.yml", "images:\n  widths: lots\n")
        let error = try #require(throws: ThemeError.self) { try Theme.load(from: copy.url) }
        guard case .invalidSettings(let file, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(file.hasSuffix("theme.yml"))
        #expect(reason.contains("images.widths"))
    }
}
