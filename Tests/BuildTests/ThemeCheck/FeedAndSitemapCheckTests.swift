import Foundation
import Testing

/// feedparser reads `feed.xml` as Atom with absolute links; `sitemap.xml` has the sitemaps.org
/// shape with a `lastmod` per address. Neither names an unlisted trip.
@Suite struct FeedAndSitemapCheckTests {
    @Test func feedparserReadsAtomWithAbsoluteLinks() async throws {
        for site in [try await CheckedSites.shared.demoSite(), try await CheckedSites.shared.generatedSite()] {
            let feed = try await ThemeCheckTool.run("feed", [site.output.path], as: ThemeCheckTool.Feed.self)
            #expect(feed.version == "atom10")
            #expect(!feed.bozo, "feedparser: \(feed.bozoException)")
            #expect(feed.relativeLinks.isEmpty, "\(feed.relativeLinks)")
            #expect(feed.links > 2)
            let listed = site.trips.filter { !$0.contains(CheckedSites.Trip.unlisted) }
            #expect(feed.entries.count == listed.count)
            for entry in feed.entries {
                #expect(entry.link?.hasPrefix("http") == true && entry.updated != nil, "\(entry)")
                #expect(entry.link?.contains(CheckedSites.Trip.unlisted) == false)
            }
        }
    }

    @Test func theSitemapParsesWithALastModificationPerAddress() async throws {
        for site in [try await CheckedSites.shared.demoSite(), try await CheckedSites.shared.generatedSite()] {
            let sitemap = try await ThemeCheckTool.run("sitemap", [site.output.path], as: ThemeCheckTool.Sitemap.self)
            #expect(sitemap.problems.isEmpty, "\(sitemap.problems)")
            let listed = site.trips.filter { !$0.contains(CheckedSites.Trip.unlisted) }
            // The home page, every listed trip, the tags index and each tag's first page.
            let tags = ((try? FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("tags").path)) ?? [])
                .filter { $0 != "index.html" }
            #expect(sitemap.urls.count == listed.count + 1 + (tags.isEmpty ? 0 : tags.count + 1), "\(sitemap.urls.compactMap(\.loc))")
            #expect(sitemap.urls.count { $0.loc?.contains("/trips/") == true } == listed.count)
            for url in sitemap.urls {
                #expect(url.lastmod != nil, "\(url.loc ?? "") has no lastmod")
                #expect(url.loc?.contains(CheckedSites.Trip.unlisted) == false)
            }
        }
    }
}
