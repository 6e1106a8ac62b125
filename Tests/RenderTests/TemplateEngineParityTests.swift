import Mustache
import SafeText
import Templates
import TestSupport
import Testing

@testable import Render

/// The default theme renders byte for byte as it did with swift-mustache, the engine themes were
/// written for until pages moved to the `Templates` engine (typed lookups instead of casts).
@Suite struct TemplateEngineParityTests {
    @Test func everyPageOfTheDefaultThemeIsWhatSwiftMustacheMakes() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let reference = try Self.swiftMustacheLibrary()
        let pages = try TemplateFieldTests.pages()
        #expect(pages.count == 6)
        for (template, page) in pages {
            let ours = theme.templates.render(template, page)
            let theirs = try #require(reference.render(Bridge.any(page.templateValue) as Any, withTemplate: template))
            #expect(ours == theirs, "\(template): \(firstDifference(ours, theirs))")
            #expect(ours.utf8.count > 1_000)
        }
    }

    @Test func theTripLinksPartialIsWhatSwiftMustacheMakes() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let reference = try Self.swiftMustacheLibrary()
        let trips = try TemplateFieldTests.pages().compactMap { $0.page as? TripPage }
        let site = try #require(trips.first).site
        let newer = ListingPlacement(
            id: "a", slug: "a", title: "A \"quoted\" <title>", startDate: nil, updated: nil, tags: [])
        let view = TripNavView(site: site, newer: TripNavLink(newer, root: "../../"), older: nil)
        let ours = try #require(theme.templates.renderIfPresent(TripNav.template, view))
        #expect(ours == reference.render(Bridge.any(view.templateValue) as Any, withTemplate: TripNav.template))
        #expect(ours.contains("A &quot;quoted&quot; &lt;title&gt;"))
    }

    private func firstDifference(_ a: String, _ b: String) -> String {
        let a = Array(a.utf8), b = Array(b.utf8)
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        let around = { (bytes: [UInt8]) in String(decoding: bytes[max(0, index - 60)..<min(bytes.count, index + 60)], as: UTF8.self) }
        return "differs at byte \(index): ours …\(around(a))… swift-mustache …\(around(b))…"
    }

    /// The default theme's templates in swift-mustache, escaping as tabi-press did with it.
    private static func swiftMustacheLibrary() throws -> MustacheLibrary {
        precondition(SafeEscaping.registered)
        var library = MustacheLibrary()
        let folder = RepositoryPaths.defaultTheme.appendingPathComponent("templates")
        for name in ["home", "trip", "404", "layout", "partials/photo", "partials/trip-nav"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name + ".mustache"), encoding: .utf8)
            library.register(try MustacheTemplate(string: SafeEscaping.pragma + text), named: name)
        }
        return library
    }

    private struct SafeEscaping: MustacheContentType {
        func escapeText(_ text: String) -> String { HTMLText.escape(text) }

        static let pragma = "{{% CONTENT_TYPE: TABI_TEST_HTML }}"
        static let registered: Bool = {
            MustacheContentTypes.register(SafeEscaping(), named: "TABI_TEST_HTML")
            return true
        }()
    }

    /// Our values as swift-mustache's `Any`: nil for missing and null, lookups by name for objects.
    private struct Bridge: MustacheParent {
        let object: any TemplateObject

        func child(named name: String) -> Any? { Self.any(object.field(name)) }

        static func any(_ value: TemplateValue) -> Any? {
            switch value {
            case .missing, .null: nil
            case .bool(let flag): flag
            case .text(let text): text
            case .object(let object): Bridge(object: object)
            case .list(let list): (0..<list.count).map { any(list.item(at: $0)) as Any }
            }
        }
    }
}
