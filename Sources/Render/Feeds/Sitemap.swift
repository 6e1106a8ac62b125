import ContentStore
import SafeText
import TabiCore

/// `sitemap.xml` and `robots.txt`. Only the home page and public trips are listed: an unlisted
/// trip's address must not be published anywhere, robots.txt included.
///
/// A sitemap holds at most 50,000 URLs and 50 MB (the protocol's limits, which search engines
/// enforce by ignoring the file). A site with more is listed in parts, `sitemaps/1.xml` and on,
/// and `sitemap.xml` becomes their index, so robots.txt and what crawlers know stay the same.
struct Sitemap {
    let urls: SiteURLs
    /// The most URLs in one file.
    var maxURLs = 50_000
    /// The most bytes in one file, uncompressed.
    var maxBytes = 52_428_800

    /// The folder of the parts of a sitemap too large for one file.
    static let partsFolder = OutputLayout.sitemapPartsFolder

    /// The sitemap's files: `sitemap.xml` alone, or an index and its parts. `trips` are the
    /// public ones, in listing order; `pages` the listing pages made of them (only first pages
    /// are named: the others change with every new trip).
    func render(_ trips: [ListingPlacement], pages: [ListingPage]) -> [(path: String, text: String)] {
        let entries = self.entries(trips, pages: pages)
        let parts = split(entries)
        if parts.count == 1 { return [(SiteURLs.sitemap, urlset(parts[0]))] }
        var index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        var files: [(path: String, text: String)] = []
        for (number, part) in parts.enumerated() {
            let path = Self.partsFolder + "\(number + 1).xml"
            index += "  <sitemap>\n    <loc>\(XMLText.escape(urls.absolute(path)))</loc>\n"
            if let newest = part.compactMap(\.lastModified).max() { index += "    <lastmod>\(newest)</lastmod>\n" }
            index += "  </sitemap>\n"
            files.append((path, urlset(part)))
        }
        return [(SiteURLs.sitemap, index + "</sitemapindex>\n")] + files
    }

    /// One `<url>` of the sitemap, as it is written, and its `lastmod`.
    private struct Entry {
        var xml: String
        var lastModified: String?
    }

    private static let urlsetHead = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
    private static let urlsetTail = "</urlset>\n"

    private func urlset(_ entries: ArraySlice<Entry>) -> String {
        var xml = Self.urlsetHead
        xml.reserveCapacity(entries.reduce(Self.urlsetHead.utf8.count + Self.urlsetTail.utf8.count) { $0 + $1.xml.utf8.count })
        for entry in entries { xml += entry.xml }
        return xml + Self.urlsetTail
    }

    /// `entries` in order, cut where a file would pass ``maxURLs`` or ``maxBytes``; one part at least.
    private func split(_ entries: [Entry]) -> [ArraySlice<Entry>] {
        let room = maxBytes - Self.urlsetHead.utf8.count - Self.urlsetTail.utf8.count
        var parts: [ArraySlice<Entry>] = []
        var start = 0, bytes = 0
        for (index, entry) in entries.enumerated() {
            let size = entry.xml.utf8.count
            if index > start, index - start == maxURLs || bytes + size > room {
                parts.append(entries[start..<index])
                (start, bytes) = (index, 0)
            }
            bytes += size
        }
        parts.append(entries[start...])
        return parts
    }

    private func entries(_ trips: [ListingPlacement], pages: [ListingPage]) -> [Entry] {
        var entries: [Entry] = []
        entries.reserveCapacity(1 + trips.count + pages.count)
        entries.append(url(SiteURLs.home, lastModified: trips.compactMap(\.updated).max().map(DateText.iso)))
        var updated: [String: Timestamp] = [:]
        for trip in trips {
            if let time = trip.updated { updated[trip.id] = time }
        }
        for page in pages where page.number == 1 {
            switch page.kind {
            case .home: continue
            case .tags:
                let tagged = trips.filter { !$0.tags.isEmpty }.compactMap(\.updated).max()
                entries.append(url(SiteURLs.tags, lastModified: tagged.map(DateText.iso)))
            case .tag(let tag):
                entries.append(url(SiteURLs.tag(tag.slug), lastModified: page.ids.compactMap { updated[$0] }.max().map(DateText.iso)))
            }
        }
        for facts in trips {
            // A trip with no dated change (no post, no `updatedAt`) was last changed when it started, as far as is known.
            entries.append(
                url(SiteURLs.trip(facts.slug), lastModified: facts.updated.map(DateText.iso) ?? facts.startDate.map(DateText.iso)))
        }
        return entries
    }

    private func url(_ sitePath: String, lastModified: String?) -> Entry {
        var xml = "  <url>\n    <loc>\(XMLText.escape(urls.absolute(sitePath)))</loc>\n"
        if let lastModified { xml += "    <lastmod>\(lastModified)</lastmod>\n" }
        return Entry(xml: xml + "  </url>\n", lastModified: lastModified)
    }

    /// Lets every crawler in, except into the pipeline's state under `_tabi/` (publish keeps it in
    /// the bucket beside the site), and points it at the sitemap.
    func robots() -> String {
        "User-agent: *\nAllow: /\nDisallow: \(urls.basePath)\(OutputLayout.reservedFolder)\n\nSitemap: \(urls.absolute(SiteURLs.sitemap))\n"
    }
}
