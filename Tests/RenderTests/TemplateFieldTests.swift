import Markdown
import TabiCore
import Templates
import TestSupport
import Testing

@testable import Render

/// The views answer template lookups by name; every stored property must answer, with its own
/// value, or a template would silently lose it.
@Suite struct TemplateFieldTests {
    @Test func everyStoredPropertyAnswersByName() throws {
        var checked: Set<String> = []
        for (_, page) in try Self.pages() { try check(page, path: "\(type(of: page))", checked: &checked) }
        // Every view type was reached.
        for name in [
            "TripPage", "HomePage", "NotFoundPage", "SiteView", "PageMeta", "SocialImage", "TripView",
            "DestinationView", "ContentsEntry", "PostView", "PhotoView", "PictureSource", "TripCard",
            "ThumbnailView", "TagLinkView", "PagerView",
        ] {
            #expect(checked.contains(name), "\(name) was not checked")
        }
    }

    /// Every kind of page of the default theme, with the template that renders it: three trips
    /// (one hostile, one still going on), a home page with a pager, the tags index and the 404 page.
    static func pages() throws -> [(template: String, page: any TemplateObject)] {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let frame = PageFrame(
            config: TripFixtures.config, urls: SiteURLs(baseURL: TripFixtures.config.baseURL),
            assets: theme.assets, words: SiteWords(language: "en", strings: theme.strings))
        let markdown = MarkdownRenderer()
        let renditions = TripFixtures.renditions
        var ongoing = TripFixtures.kyoto
        ongoing.trip.status = .ongoing
        let facts = [TripFixtures.kyoto, TripFixtures.hostile, ongoing].map {
            TripFacts(
                content: $0, renditions: renditions, markdown: markdown,
                style: PhotoStyle(sizes: "100vw", templates: theme.templates, words: frame.words))
        }
        var problems: [RenderProblem] = []
        let entries = facts.map { ListingEntry(facts: $0, renditions: renditions) }
        // A page size of one: pages with a pager; the tags index.
        let listings = ListingPages.make(entries.map(\.placement), pageSize: 1)
        let tagIndex = try #require(listings.first { if case .tags = $0.kind { true } else { false } })
        let trips: [(String, any TemplateObject)] = facts.map {
            ("trip", TripPage(facts: $0, renditions: renditions, sizes: "100vw", markdown: markdown, frame: frame, problems: &problems))
        }
        return trips + [
            ("home", HomePage(listings[0], trips: [entries[0]], frame: frame)),
            ("home", HomePage(tagIndex, trips: [], frame: frame)),
            ("404", NotFoundPage(frame: frame)),
        ]
    }

    private func check(_ value: Any, path: String, checked: inout Set<String>) throws {
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() { try check(element, path: "\(path)[\(index)]", checked: &checked) }
            return
        }
        // The words answer by key, not by field (SiteWordsTests covers them).
        guard let object = value as? any TemplateObject, !(value is WordsView) else { return }
        checked.insert("\(type(of: value))")
        for child in Mirror(reflecting: value).children {
            let label = try #require(child.label)
            let answered = object.field(label)
            guard let stored = unwrap(child.value) else {
                #expect(describe(answered) == "missing", "\(path).\(label) answers \(describe(answered))")
                continue
            }
            let shown = try #require(stored as? any TemplateRepresentable, "\(path).\(label) cannot be shown")
            #expect(describe(answered) == describe(shown.templateValue), "\(path).\(label)")
            try check(stored, path: "\(path).\(label)", checked: &checked)
        }
        #expect(describe(object.field("noSuchField")) == "missing")
    }

    /// What a template would see: the text, the flag, the type of an object, a list's items.
    private func describe(_ value: TemplateValue) -> String {
        switch value {
        case .missing: "missing"
        case .null: "null"
        case .bool(let flag): "\(flag)"
        case .text(let text): "text: " + text
        case .object(let object): "object: \(type(of: object))"
        case .list(let list): "[" + (0..<list.count).map { describe(list.item(at: $0)) }.joined(separator: ", ") + "]"
        }
    }

    private func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrap($0.value) } ?? nil
    }
}
