import SafeText
import TabiCore

/// `sitemap.xml` and `robots.txt`. Only the home page and public trips are listed: an unlisted
/// trip's address must not be published anywhere, robots.txt included.
struct Sitemap {
    let urls: SiteURLs

    /// `trips` are the public ones, already in listing order.
    func render(_ trips: [ListingEntry]) -> String {
        var xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

        """
        xml += url(SiteURLs.home, lastModified: trips.compactMap(\.updated).max().map(DateText.iso))
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
