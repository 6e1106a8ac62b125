import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// What only a writer's preview renders: a `draft: true` story with a note, and the newer draft
/// beside a writer's story on a page of its own with what it changes.
@Suite struct PreviewRenderTests {
    static func kyoto(preview: Bool) -> TripContent {
        var content = TripFixtures.kyoto
        content.story?.frontMatter.draft = true
        return TripContent(
            trip: content.trip, story: content.story, preview: preview,
            proposal: Story(
                frontMatter: StoryFrontMatter(title: "Autumn in Kyoto"),
                body: "We came for the maples and stayed for the <tea>.\n\nA new line."))
    }

    @Test func aPublishedBuildLeavesDraftsOutAndHasNoProposal() throws {
        let site = try RenderedSite.fixtures(trips: [Self.kyoto(preview: false)])
        let page = site.page("autumn-in-kyoto")
        #expect(!page.contains("Kiyomizu-dera") && !page.contains("preview-note"))
        #expect(!site.paths.contains { $0.contains("proposal") })
    }

    @Test func aPreviewShowsTheDraftWithANoteAndTheProposalWithItsChanges() throws {
        let site = try RenderedSite.fixtures(trips: [Self.kyoto(preview: true)])
        let page = site.page("autumn-in-kyoto")
        #expect(page.contains("Kiyomizu-dera"))
        #expect(page.contains("<p>This story says draft: true: readers will not see it until its front matter says draft: false.</p>"))
        #expect(page.contains("<a href=\"proposal/\">"))
        let proposal = site.text("trips/autumn-in-kyoto/proposal/index.html")
        #expect(proposal.contains("This is story.draft.md"))
        #expect(proposal.contains("<span class=\"diff-added\">+ We came for the maples and stayed for the &lt;tea&gt;.</span>"))
        #expect(proposal.contains("<span class=\"diff-removed\">- ## Temples</span>"))
        #expect(proposal.contains("<span class=\"diff-same\">  </span>"))
    }

    @Test func aPreviewSpeaksTheSitesLanguage() throws {
        var config = TripFixtures.config
        config.language = "fr"
        let site = try RenderedSite.fixtures(trips: [Self.kyoto(preview: true)], config: config)
        let page = site.page("autumn-in-kyoto")
        #expect(page.contains("<aside class=\"preview-note column\" aria-label=\"Aperçu\">"))
        #expect(page.contains("<p>Ce récit porte draft: true : les lecteurs"))
        #expect(page.contains("<p>Un brouillon plus récent attend à côté de story.md, dans story.draft.md.</p>"))
        #expect(page.contains(">Lire le brouillon plus récent, et ce qu’il change</a>"))
        #expect(site.text("trips/autumn-in-kyoto/proposal/index.html").contains("<p>Voici story.draft.md, le brouillon"))
    }

    @Test func theLineDiffKeepsWhatIsSharedAndComparesBytesNotCharacters() {
        let lines = LineDiff.lines(from: "a\nb\nc\nd", to: "a\nc\nx\nd")
        #expect(lines.map { "\($0.kind.rawValue):\($0.text)" } == ["same:a", "removed:b", "same:c", "added:x", "same:d"])
        // "é" composed and decomposed are one Character but not the same bytes.
        let marks = LineDiff.lines(from: "caf\u{E9}", to: "cafe\u{301}")
        #expect(marks.map(\.kind) == [.removed, .added])
        #expect(LineDiff.lines(from: "", to: "").isEmpty)
    }
}

/// The route map and the trip's figures, from its destinations.
@Suite struct RouteMapTests {
    @Test func theRouteIsDrawnFromTheDestinationsInOrderWithoutAnyCoordinate() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let svg = try #require(Markup.matches("<svg viewBox=\"0 0 640 360\"[^>]*>([\\s\\S]*?)</svg>", in: page).first?[0])
        #expect(svg.contains("<title id=\"route-map-title\">Route: Kyoto → Nara</title>"))
        let stops = Markup.matches("<circle class=\"route-stop\" cx=\"(\\d+)\" cy=\"(\\d+)\"", in: svg)
        #expect(stops.count == 2)
        // Nara lies south of Kyoto: below it on the map. Rounded to a tenth of a degree, both are
        // at 135.8° E: one above the other.
        let (kyoto, nara) = (stops[0].dropFirst().compactMap { Int($0) }, stops[1].dropFirst().compactMap { Int($0) })
        #expect(nara[1] > kyoto[1] && nara[0] == kyoto[0], "\(stops)")
        #expect(Markup.matches("<text class=\"route-number\"[^>]*>(\\d)</text>", in: svg).map { $0[1] } == ["1", "2"])
        #expect(!svg.contains("<script") && !svg.contains("href"))
    }

    @Test func theFiguresCountDaysPlacesCountriesAndDistance() throws {
        func place(_ name: String, _ country: String, _ lat: Double, _ lon: Double, _ position: Int) -> Destination {
            Destination(id: name, name: name, countryCode: country, latitude: lat, longitude: lon, position: position)
        }
        let route = [place("Lisbon", "PT", 38.72, -9.14, 0), place("Porto", "PT", 41.15, -8.61, 1), place("Vigo", "ES", 42.24, -8.72, 2)]
        let trip = Trip(
            id: "t", slug: "t", title: "T", startDate: CalendarDate("2024-05-01"), endDate: CalendarDate("2024-05-08"),
            destinations: route)
        // Lisbon–Porto about 274 km, Porto–Vigo about 122 km.
        let words = SiteWords(language: "en", strings: ThemeStrings(languages: [:]))
        #expect(TripStats.line(trip: trip, destinations: route, words: words) == "8 days · 3 places · 2 countries · about 400 km")
        #expect(TripStats.line(trip: Trip(id: "u", slug: "u", title: "U"), destinations: [], words: words) == nil)
        #expect(RouteMapView([route[0]], words: words) == nil, "one stop is no route")
    }
}
