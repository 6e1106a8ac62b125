import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// A trip page links to the newer and the older trip in the listings; unlisted trips neither get
/// links nor are linked to; the links can be changed on a rendered page alone.
@Suite struct TripNavTests {
    private func links(_ page: String) -> [[String]] {
        Markup.matches("<a class=\"trip-nav-(newer|older)\" href=\"([^\"]+)\" rel=\"(prev|next)\">", in: page).map { Array($0.dropFirst()) }
    }

    @Test func eachPublicTripLinksItsListingNeighboursAndUnlistedOnesAreLeftOut() throws {
        let site = try RenderedSite.fixtures()
        // Newest first: Kyoto (2024-11), Lisbon (2024-04), Porto (2023-09), the hostile trip (2022-05).
        // The unlisted secret weekend (2025-01) would be the newest, and is in no link.
        #expect(links(site.page("autumn-in-kyoto")) == [["older", "../../trips/spring-in-lisbon/", "next"]])
        #expect(
            links(site.page("spring-in-lisbon")) == [
                ["newer", "../../trips/autumn-in-kyoto/", "prev"],
                ["older", "../../trips/porto-weekend/", "next"],
            ])
        #expect(links(site.page("secret-weekend")).isEmpty)
        #expect(site.page("secret-weekend").contains(TripNav.empty))
        #expect(site.textFiles.allSatisfy { !$0.text.contains("secret-weekend/\" rel") })
        let lisbon = site.page("spring-in-lisbon")
        #expect(lisbon.contains("<span class=\"trip-nav-title\" dir=\"auto\">Autumn in Kyoto</span>"))
        #expect(lisbon.contains("<nav class=\"trip-nav column\" aria-label=\"More trips\">"))
    }

    @Test func aNeighboursTitleIsEscapedInTheLink() throws {
        let site = try RenderedSite.fixtures()
        let porto = site.page("porto-weekend")
        let older = try #require(porto.components(separatedBy: "trip-nav-older").dropFirst().first)
        #expect(!older.contains("<script") && older.contains("&lt;"))
    }

    /// The markers are found byte by byte, also in a slice of a larger buffer, and a page
    /// without both has nothing to change.
    @Test func theMarkersAreFoundWhereverThePageStarts() throws {
        let page = Data("<p>a</p>\(TripNav.start)<nav>old</nav>\(TripNav.end)<!--tabi:trip-nav<p>end</p>".utf8)
        let spliced = try #require(TripNav.splice("<nav>new</nav>", into: page))
        #expect(
            String(decoding: spliced, as: UTF8.self) == "<p>a</p>\(TripNav.start)<nav>new</nav>\(TripNav.end)<!--tabi:trip-nav<p>end</p>")
        let buffer = Data("xx<!--tabi:trip-na".utf8) + page
        let slice = buffer[18...]
        #expect(TripNav.splice("<nav>new</nav>", into: slice) == spliced)
        #expect(TripNav.range(of: TripNav.start, in: slice, from: slice.startIndex) == (18 + 8)..<(18 + 8 + TripNav.start.utf8.count))
        #expect(TripNav.splice("x", into: Data("<p>\(TripNav.start) no end".utf8)) == nil)
        #expect(TripNav.splice("x", into: Data("<!--tabi:trip-nav".utf8)) == nil)
        #expect(TripNav.splice("x", into: Data()) == nil)
    }

    @Test func theLinksOfAStoredPageChangeAndNothingElse() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        let renderer = SiteRenderer(config: TripFixtures.config, theme: theme)
        let alone = try renderer.renderTripPage(TripFixtures.lisbon, renditions: TripFixtures.renditions)
        let page = try #require(alone.files.first { $0.path == "trips/spring-in-lisbon/index.html" })
        #expect(String(decoding: page.data, as: UTF8.self).contains(TripNav.empty), "rendered alone, it has no links yet")
        let around = TripNeighbours(
            newer: ListingPlacement(
                id: "k", slug: "autumn-in-kyoto", title: "Autumn in Kyoto", startDate: nil,
                updated: nil, tags: []), older: nil)
        let linked = try #require(renderer.withNeighbours(page.data, slug: "spring-in-lisbon", around))
        let relinked = try #require(renderer.withNeighbours(linked, slug: "spring-in-lisbon", TripNeighbours()))
        #expect(relinked == page.data, "taking the links out again gives the page as rendered alone")
        #expect(links(String(decoding: linked, as: UTF8.self)) == [["newer", "../../trips/autumn-in-kyoto/", "prev"]])
        #expect(renderer.withNeighbours(Data("<p>no markers</p>".utf8), slug: "x", around) == nil)
    }

    @Test func theKeyChangesWithWhatTheLinksShowOnly() {
        func trip(_ slug: String, _ title: String, _ tags: [String] = []) -> ListingPlacement {
            ListingPlacement(id: slug, slug: slug, title: title, startDate: nil, updated: nil, tags: tags)
        }
        let before = TripNeighbours(newer: trip("a", "A"), older: trip("b", "B"))
        #expect(before.key == TripNeighbours(newer: trip("a", "A", ["food"]), older: trip("b", "B")).key)
        #expect(before.key != TripNeighbours(newer: trip("a", "A!"), older: trip("b", "B")).key)
        #expect(before.key != TripNeighbours(newer: trip("b", "B"), older: trip("a", "A")).key)
        let three = TripNeighbours.of([trip("a", "A"), trip("b", "B"), trip("c", "C")])
        #expect(three["b"] == TripNeighbours(newer: trip("a", "A"), older: trip("c", "C")))
        #expect(three["a"] == TripNeighbours(newer: nil, older: trip("b", "B")))
        #expect(three["c"] == TripNeighbours(newer: trip("b", "B"), older: nil))
    }

    @Test func markerTextFromPeopleNeverMovesTheLinks() throws {
        var lisbon = TripFixtures.lisbon
        lisbon.trip.title = "\(TripNav.start) \(TripNav.end)"
        lisbon.story = try Story(parsing: "Text \(TripNav.start)x\(TripNav.end) and <!--tabi:trip-nav-->\n")
        let site = try RenderedSite.fixtures(trips: [TripFixtures.kyoto, lisbon, TripFixtures.drafted])
        let page = site.page("spring-in-lisbon")
        #expect(page.components(separatedBy: TripNav.start).count == 2, "only the renderer's own marker is in the page")
        #expect(links(page).count == 2)
        #expect(page.contains("&lt;!--tabi:trip-nav--&gt;"))
    }
}

/// A trip's place in the listings is known from its files before anything is rendered.
@Suite struct PlacementTests {
    @Test func thePlacementFromTheFilesIsTheRenderedEntrysOne() throws {
        let renderer = SiteRenderer(config: TripFixtures.config, theme: try Theme.load(from: RepositoryPaths.defaultTheme))
        var dated = TripFixtures.kyoto
        dated.story?.frontMatter.date = CalendarDate("2030-01-01")  // later than every post: it decides `updated`
        var untitled = TripFixtures.lisbon
        untitled.trip.title = "  "
        let trips = TripFixtures.all + [dated, untitled]
        for content in trips {
            let rendered = try renderer.renderTripPage(content, renditions: TripFixtures.renditions)
            #expect(ListingEntry.placement(of: content) == rendered.listing?.placement, "\(content.trip.slug)")
        }
        #expect(trips.compactMap(ListingEntry.placement(of:)).count == trips.count - 1, "the unlisted trip has none")
    }
}
