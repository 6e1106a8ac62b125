import Markdown
import Mustache
import TabiCore
import TestSupport
import Testing

@testable import Render

/// The views answer Mustache lookups by name (faster than `Mirror`); every stored property must
/// answer, with its own value, or a template would silently lose it.
@Suite struct TemplateFieldTests {
    @Test func everyStoredPropertyAnswersByName() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let frame = PageFrame(
            config: TripFixtures.config, urls: SiteURLs(baseURL: TripFixtures.config.baseURL),
            assets: theme.assets, words: SiteWords(language: "en", strings: theme.strings))
        let markdown = MarkdownRenderer()
        let renditions = TripFixtures.renditions
        let facts = [TripFixtures.kyoto, TripFixtures.hostile].map {
            TripFacts(
                content: $0, renditions: renditions, markdown: markdown,
                style: PhotoStyle(sizes: "100vw", templates: theme.templates, words: frame.words))
        }
        var ongoing = TripFixtures.kyoto
        ongoing.trip.status = .ongoing
        var problems: [RenderProblem] = []
        let entries = facts.map { ListingEntry(facts: $0, renditions: renditions) }
        // A page size of one: pages with a pager; the tags index.
        let listings = ListingPages.make(entries.map(\.placement), pageSize: 1)
        let tagIndex = try #require(listings.first { if case .tags = $0.kind { true } else { false } })
        let pages: [Any] =
            facts.map {
                TripPage(facts: $0, renditions: renditions, sizes: "100vw", markdown: markdown, frame: frame, problems: &problems)
            } + [
                HomePage(listings[0], trips: [entries[0]], frame: frame),
                HomePage(tagIndex, trips: [], frame: frame),
                NotFoundPage(frame: frame),
            ]
        var checked: Set<String> = []
        for page in pages { try check(page, path: "\(type(of: page))", checked: &checked) }
        // Every view type was reached.
        for name in [
            "TripPage", "HomePage", "NotFoundPage", "SiteView", "PageMeta", "SocialImage", "TripView",
            "DestinationView", "ContentsEntry", "PostView", "PhotoView", "PictureSource", "TripCard",
            "ThumbnailView", "TagLinkView", "PagerView",
        ] {
            #expect(checked.contains(name), "\(name) was not checked")
        }
    }

    private func check(_ value: Any, path: String, checked: inout Set<String>) throws {
        if let array = value as? [Any] {
            for (index, element) in array.enumerated() { try check(element, path: "\(path)[\(index)]", checked: &checked) }
            return
        }
        // The words answer by key, not by field (SiteWordsTests covers them).
        guard let parent = value as? any MustacheParent, !(value is [String: String]), !(value is WordsView) else { return }
        checked.insert("\(type(of: value))")
        for child in Mirror(reflecting: value).children {
            let label = try #require(child.label)
            let stored = unwrap(child.value)
            let answered = parent.child(named: label).flatMap(unwrap)
            #expect((stored == nil) == (answered == nil), "\(path).\(label) answers \(String(describing: answered))")
            if let stored, let answered {
                #expect(String(describing: stored) == String(describing: answered), "\(path).\(label)")
                try check(stored, path: "\(path).\(label)", checked: &checked)
            }
        }
        #expect(parent.child(named: "noSuchField") == nil)
    }

    private func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first.map { unwrap($0.value) } ?? nil
    }
}
