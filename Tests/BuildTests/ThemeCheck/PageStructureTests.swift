import Foundation
import TestSupport
import Testing

/// What the checkers do not look for but the theme promises: one `h1` and the landmarks on every
/// page, headings that skip no level, sized images with only the cover fetched first, `dir="auto"`
/// on text from people, and a small stylesheet.
@Suite struct PageStructureTests {
    static func pages(of site: CheckedSites.Site) throws -> [(path: String, html: String)] {
        try ([site.home, site.notFound] + site.trips).map { ($0, try String(contentsOf: site.page($0), encoding: .utf8)) }
    }

    @Test func everyPageHasOneH1TheLandmarksAndHeadingsInOrder() async throws {
        for site in [try await CheckedSites.shared.demoSite(), try await CheckedSites.shared.generatedSite()] {
            for (path, html) in try Self.pages(of: site) {
                let names = HTMLScan.startTags(in: html).map(\.name)
                #expect(names.filter { $0 == "h1" }.count == 1, "\(path)")
                for landmark in ["header", "nav", "main", "footer"] { #expect(names.contains(landmark), "\(path): no <\(landmark)>") }
                let levels = names.compactMap { $0.count == 2 && $0.first == "h" ? Int(String($0.last!)) : nil }
                for (previous, level) in zip(levels, levels.dropFirst()) {
                    #expect(level <= previous + 1, "\(path): <h\(level)> after <h\(previous)> (\(levels))")
                }
            }
        }
    }

    @Test func imagesAreSizedAndOnlyTheCoverIsFetchedFirst() async throws {
        for site in [try await CheckedSites.shared.demoSite(), try await CheckedSites.shared.generatedSite()] {
            for (path, html) in try Self.pages(of: site) {
                let images = HTMLScan.startTags(in: html).filter { $0.name == "img" }
                for image in images {
                    #expect(
                        Int(image.attribute("width") ?? "") ?? 0 > 0 && Int(image.attribute("height") ?? "") ?? 0 > 0,
                        "\(path): \(image.attribute("src") ?? "")")
                }
                // The first image is the header's small logo; after it, the cover (on a trip page with
                // photos) is fetched first and eagerly, and every other image is lazy.
                let rest = images.dropFirst()
                let prioritised = rest.filter { $0.attribute("fetchpriority") == "high" }
                if site.trips.contains(path), html.contains("class=\"cover wide\"") {
                    #expect(prioritised.count == 1 && rest.first?.attribute("fetchpriority") == "high", "\(path)")
                    #expect(rest.first?.attribute("loading") == "eager")
                } else {
                    #expect(prioritised.isEmpty, "\(path)")
                }
                for image in rest.dropFirst(prioritised.count) { #expect(image.attribute("loading") == "lazy", "\(path)") }
            }
        }
    }

    /// The checkers above see these too: a figure where a paragraph was, a picture in a sentence.
    @Test func storiesAndPostsShowTheTripsPhotosTheyName() async throws {
        let site = try await CheckedSites.shared.generatedSite()
        let long = try String(contentsOf: site.page("trips/\(CheckedSites.Trip.long)/"), encoding: .utf8)
        let story = try #require(long.components(separatedBy: "id=\"story\"").dropFirst().first)
        #expect(story.contains("<figure class=\"photo\">\n<picture>"))
        #expect(story.contains("alt=\"The story shows one of the trip’s photos\""))
        #expect(story.contains("<p>In a sentence <picture>"))
        #expect(story.contains("and a map <a href=\"https://example.com/map.png\">map</a>."))
        let rtl = try String(contentsOf: site.page("trips/\(CheckedSites.Trip.rightToLeft)/"), encoding: .utf8)
        #expect(rtl.contains("alt=\"الكثبان\""), "a post's text shows its trip's photo")
    }

    @Test func textFromPeopleTakesItsDirectionFromItself() async throws {
        let site = try await CheckedSites.shared.generatedSite()
        let page = try String(contentsOf: site.page("trips/\(CheckedSites.Trip.rightToLeft)/"), encoding: .utf8)
        for element in [
            "<h1 dir=\"auto\">رحلة إلى وادي رم</h1>", "<p class=\"lede\" dir=\"auto\">ثلاثة أيام",
            "<figcaption dir=\"auto\">غروب الشمس فوق الكثبان</figcaption>", "<h4 dir=\"auto\">יום ראשון במדבר</h4>",
            "<div class=\"prose\" dir=\"auto\">", "<span class=\"place\" dir=\"auto\">وادي رم</span>",
        ] {
            #expect(page.contains(element), "\(element)")
        }
        let home = try String(contentsOf: site.page(site.home), encoding: .utf8)
        #expect(home.contains("<h2 dir=\"auto\"><a href=\"trips/\(CheckedSites.Trip.rightToLeft)/\">رحلة إلى وادي رم</a></h2>"))
    }

    @Test func theStylesheetIsUnder20KBAndStylesTheAlignmentClasses() async throws {
        let site = try await CheckedSites.shared.generatedSite()
        let styles = try FolderFiles.urls(under: site.output).filter { $0.key.hasSuffix(".css") }
        #expect(styles.count == 1)
        for (path, url) in styles {
            let css = try String(contentsOf: url, encoding: .utf8)
            #expect(css.utf8.count < 20 * 1024, "\(path) is \(css.utf8.count) bytes")
            for rule in [
                ".align-left", ".align-center", ".align-right", "prefers-reduced-motion", "prefers-color-scheme",
                ":focus-visible",
            ] {
                #expect(css.contains(rule), "\(path) has no \(rule)")
            }
        }
        let page = try String(contentsOf: site.page("trips/\(CheckedSites.Trip.long)/"), encoding: .utf8)
        #expect(page.contains("<th class=\"align-right\">Distance</th>") && !page.contains(" align=\""))
        #expect(page.contains("aria-label=\"not done\""))
    }
}
