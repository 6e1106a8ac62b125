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
        if parts.count == 1 { return [(SiteURLs.sitemap, urlset(entries, parts[0]))] }
        var index = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        var files: [(path: String, text: String)] = []
        for (number, part) in parts.enumerated() {
            let path = Self.partsFolder + "\(number + 1).xml"
            index += "  <sitemap>\n    <loc>\(XMLText.escape(urls.absolute(path)))</loc>\n"
            if let newest = entries.lastModified[part].compactMap({ $0 }).max() { index += "    <lastmod>\(newest)</lastmod>\n" }
            index += "  </sitemap>\n"
            files.append((path, urlset(entries, part)))
        }
        return [(SiteURLs.sitemap, index + "</sitemapindex>\n")] + files
    }

    /// Every `<url>` of the sitemap, as it is written, one after the other in one buffer (a
    /// sitemap has one per public trip: no string each), and each one's `lastmod`.
    private struct Entries {
        var xml: [UInt8] = []
        /// Where each entry ends in ``xml``.
        var ends: [Int] = []
        var lastModified: [String?] = []

        var count: Int { ends.count }

        /// The bytes of entries `range`.
        func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> {
            guard !range.isEmpty else { return [] }
            return xml[(range.lowerBound == 0 ? 0 : ends[range.lowerBound - 1])..<ends[range.upperBound - 1]]
        }

        func size(_ entry: Int) -> Int { ends[entry] - (entry == 0 ? 0 : ends[entry - 1]) }
    }

    private static let urlsetHead = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
    private static let urlsetTail = "</urlset>\n"

    private func urlset(_ entries: Entries, _ part: Range<Int>) -> String {
        var xml = Array(Self.urlsetHead.utf8)
        let body = entries.bytes(part)
        xml.reserveCapacity(xml.count + body.count + Self.urlsetTail.utf8.count)
        xml += body
        xml += Self.urlsetTail.utf8
        return String(decoding: xml, as: UTF8.self)
    }

    /// The entries in order, cut where a file would pass ``maxURLs`` or ``maxBytes``; one part at least.
    private func split(_ entries: Entries) -> [Range<Int>] {
        let room = maxBytes - Self.urlsetHead.utf8.count - Self.urlsetTail.utf8.count
        var parts: [Range<Int>] = []
        var start = 0, bytes = 0
        for index in 0..<entries.count {
            let size = entries.size(index)
            if index > start, index - start == maxURLs || bytes + size > room {
                parts.append(start..<index)
                (start, bytes) = (index, 0)
            }
            bytes += size
        }
        parts.append(start..<entries.count)
        return parts
    }

    private func entries(_ trips: [ListingPlacement], pages: [ListingPage]) -> Entries {
        var entries = Entries()
        entries.xml.reserveCapacity((1 + trips.count + pages.count) * 128)
        entries.ends.reserveCapacity(1 + trips.count + pages.count)
        entries.lastModified.reserveCapacity(1 + trips.count + pages.count)
        add(SiteURLs.home, lastModified: trips.compactMap(\.updated).max().map(DateText.iso), to: &entries)
        var updated: [String: Timestamp] = [:]
        for trip in trips {
            if let time = trip.updated { updated[trip.id] = time }
        }
        for page in pages where page.number == 1 {
            switch page.kind {
            case .home: continue
            case .tags:
                let tagged = trips.lazy.filter { !$0.tags.isEmpty }.compactMap(\.updated).max()
                add(SiteURLs.tags, lastModified: tagged.map(DateText.iso), to: &entries)
            case .tag(let tag):
                add(SiteURLs.tag(tag.slug), lastModified: page.ids.compactMap { updated[$0] }.max().map(DateText.iso), to: &entries)
            }
        }
        for facts in trips {
            // A trip with no dated change (no post, no `updatedAt`) was last changed when it started, as far as is known.
            add(SiteURLs.trip(facts.slug), lastModified: facts.updated.map(DateText.iso) ?? facts.startDate.map(DateText.iso), to: &entries)
        }
        return entries
    }

    private func add(_ sitePath: String, lastModified: String?, to entries: inout Entries) {
        entries.xml += "  <url>\n    <loc>".utf8
        entries.xml += XMLText.escape(urls.absolute(sitePath)).utf8
        entries.xml += "</loc>\n".utf8
        if let lastModified {
            entries.xml += "    <lastmod>".utf8
            entries.xml += lastModified.utf8
            entries.xml += "</lastmod>\n".utf8
        }
        entries.xml += "  </url>\n".utf8
        entries.ends.append(entries.xml.count)
        entries.lastModified.append(lastModified)
    }

    /// Lets every crawler in, except into the pipeline's state under `_tabi/` (publish keeps it in
    /// the bucket beside the site), and points it at the sitemap.
    func robots() -> String {
        "User-agent: *\nAllow: /\nDisallow: \(urls.basePath)\(OutputLayout.reservedFolder)\n\nSitemap: \(urls.absolute(SiteURLs.sitemap))\n"
    }
}
