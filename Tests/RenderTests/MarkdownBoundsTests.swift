import TabiCore
import TestSupport
import Testing

@testable import Markdown
@testable import Render

/// Stories and posts over the Markdown limits are left out of their page and reported; the page
/// and every other trip are still built, and every document is parsed once per build.
@Suite struct MarkdownBoundsTests {
    func renderer(counting counter: ParseCounter? = nil, config: SiteConfig = TripFixtures.config) throws -> SiteRenderer {
        var renderer = SiteRenderer(config: config, theme: try Theme.load(from: RepositoryPaths.defaultTheme))
        renderer.markdown.parseCounter = counter
        return renderer
    }

    @Test func eachStoryAndPostIsParsedOnce() throws {
        let counter = ParseCounter()
        let site = try renderer(counting: counter).render(trips: TripFixtures.all, renditions: TripFixtures.renditions)
        let stories = TripFixtures.all.filter { $0.story != nil && $0.story?.frontMatter.draft == false }.count
        let posts = TripFixtures.all.flatMap(\.trip.posts).filter { $0.content != nil }.count
        #expect(counter.value == stories + posts)
        #expect(site.problems.isEmpty)
    }

    @Test func aStoryOverTheLimitsIsLeftOutAndNamed() throws {
        var kyoto = TripFixtures.kyoto
        kyoto.story?.body = "|" + String(repeating: "x|", count: 5000) + "\n|" + String(repeating: "-|", count: 5000)
        var lisbon = TripFixtures.lisbon
        lisbon.trip.posts[0].content = String(repeating: "> ", count: 500) + "deep"
        let site = try renderer().render(trips: [kyoto, lisbon, TripFixtures.unlisted], renditions: TripFixtures.renditions)
        #expect(site.problems.map(\.slug) == [kyoto.trip.slug, lisbon.trip.slug])
        #expect(site.problems[0].file == "story.md" && site.problems[0].reason.contains("5000 columns"))
        #expect(site.problems[1].post == "post \(lisbon.trip.posts[0].id)" && site.problems[1].reason.contains("nests"))
        let page = String(decoding: site.files.first { $0.path == "trips/\(kyoto.trip.slug)/index.html" }!.data, as: UTF8.self)
        #expect(page.contains("<h1 dir=\"auto\">Autumn in Kyoto</h1>") && !page.contains("x|x"))
        #expect(site.files.contains { $0.path == "trips/\(TripFixtures.unlisted.trip.slug)/index.html" })
    }

    @Test func theLimitsComeFromTabiYML() throws {
        var config = TripFixtures.config
        config.markdown = try SiteConfig(yaml: "markdown:\n  maxBytes: 10\n").markdown
        #expect(config.markdown == MarkdownSettings(maxBytes: 10, maxNesting: 16, maxTableColumns: 64))
        let site = try renderer(config: config).render(trips: [TripFixtures.kyoto], renditions: TripFixtures.renditions)
        #expect(site.problems.contains { $0.file == "story.md" && $0.reason.contains("markdown.maxBytes (10)") })
    }
}
