import SafeText
import TabiCore

/// `sitemap.xml` and `robots.txt`. Only the home page and public trips are listed: an unlisted
/// trip's address must not be published anywhere, robots.txt included.
struct Sitemap {
    let urls: SiteURLs

    /// `trips` are the public ones, in listing order; `pages` the listing pages made of them
    /// (only first pages are named: the others change with every new trip).
    func render(_ trips: [ListingPlacement], pages: [ListingPage]) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        xml.reserveCapacity(200 * (trips.count + pages.count))
        xml += url(SiteURLs.home, lastModified: trips.compactMap(\.updated).max().map(DateText.iso))
        var updated: [String: Timestamp] = [:]
        for trip in trips {
            if let time = trip.updated { updated[trip.id] = time }
        }
        for page in pages where page.number == 1 {
            switch page.kind {
            case .home: continue
            case .tags:
                let tagged = trips.filter { !$0.tags.isEmpty }.compactMap(\.updated).max()
                xml += url(SiteURLs.tags, lastModified: tagged.map(DateText.iso))
            case .tag(let tag):
                xml += url(SiteURLs.tag(tag.slug), lastModified: page.ids.compactMap { updated[$0] }.max().map(DateText.iso))
            }
        }
        for facts in trips {
            // A trip with no dated change (no post, no `updatedAt`) was last changed when it started, as far as is known.
            xml += url(SiteURLs.trip(facts.slug), lastModified: facts.updated.map(DateText.iso) ?? facts.startDate.map(DateText.iso))
        }
        return xml + "</urlset>\n"
    }

    private func url(_ sitePath: String, lastModified: String?) -> String {
        var xml = "  <url>\n    <loc>\(XMLText.escape(urls.absolute(sitePath)))</loc>\n"
        if let lastModified { xml += "    <lastmod>\(lastModified)</lastmod>\n" }
        return xml + "  </url>\n"
    }

    /// Lets every crawler in, except into the pipeline's state under `_tabi/` (publish keeps it in
    /// the bucket beside the site), and points it at the sitemap.
    func robots() -> String {
        "User-agent: *\nAllow: /\nDisallow: \(urls.basePath)_tabi/\n\nSitemap: \(urls.absolute(SiteURLs.sitemap))\n"
    }
}
