import SafeText
import TabiCore

/// `feed.xml`: an Atom 1.0 feed of the public trips, newest first. Every date in it comes from the
/// content, so an unchanged site gives the same bytes.
struct AtomFeed {
    let config: SiteConfig
    let urls: SiteURLs

    /// Atom requires `updated`; a feed with no dated entry says the Unix epoch rather than the build time.
    static let epoch = "1970-01-01T00:00:00Z"
    /// Feed readers only need the recent trips; older ones stay on the home page and in the sitemap.
    static let maximumEntries = 50

    /// `trips` are the public ones, already in listing order.
    func render(_ trips: [ListingEntry]) -> String {
        let trips = trips.prefix(Self.maximumEntries)
        let updated = trips.compactMap(\.updated).max().map(DateText.iso) ?? Self.epoch
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(XMLText.escape(config.language))">
              <title>\(XMLText.escape(config.title))</title>
              <subtitle>\(XMLText.escape(config.description))</subtitle>
              <id>\(XMLText.escape(urls.absolute(SiteURLs.home)))</id>
              <link rel="alternate" type="text/html" href="\(XMLText.escape(urls.absolute(SiteURLs.home)))"/>
              <link rel="self" type="application/atom+xml" href="\(XMLText.escape(urls.absolute(SiteURLs.feed)))"/>
              <updated>\(updated)</updated>
              <author><name>\(XMLText.escape(config.title))</name></author>
              <generator>tabi-press</generator>

            """
        for facts in trips {
            xml += entry(facts)
        }
        return xml + "</feed>\n"
    }

    private func entry(_ facts: ListingEntry) -> String {
        let url = urls.absolute(SiteURLs.trip(facts.slug))
        var xml = "  <entry>\n"
        xml += "    <title>\(XMLText.escape(facts.title))</title>\n"
        xml += "    <id>\(XMLText.escape(Self.entryID(facts.id, fallback: url)))</id>\n"
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(XMLText.escape(url))\"/>\n"
        let updated = facts.updated.map(DateText.iso) ?? facts.startDate.map(DateText.iso) ?? Self.epoch
        xml += "    <updated>\(updated)</updated>\n"
        if let start = facts.startDate {
            xml += "    <published>\(DateText.iso(start))</published>\n"
        }
        if let author = facts.author {
            xml += "    <author><name>\(XMLText.escape(author))</name></author>\n"
        }
        for tag in facts.tags {
            xml += "    <category term=\"\(XMLText.escape(tag))\"/>\n"
        }
        if let summary = facts.summary {
            xml += "    <summary type=\"text\">\(XMLText.escape(PlainText.truncated(summary, to: 500)))</summary>\n"
        }
        var html = ""
        if let cover = facts.cover {
            let medium = cover.renditions.medium
            let alt = PlainText.clean(cover.caption) ?? facts.title
            html +=
                "<p><img src=\"\(XMLText.escape(urls.absolute(medium.path)))\" width=\"\(medium.width)\" "
                + "height=\"\(medium.height)\" alt=\"\(XMLText.escape(alt))\"></p>\n"
        }
        // Absolute, for readers that ignore `xml:base`.
        html += StoryPhotos.placed(facts.storyHTML ?? "", root: urls.baseURL)
        if !html.isEmpty {
            // Relative links written in the story resolve against the trip page.
            xml += "    <content type=\"html\" xml:base=\"\(XMLText.escape(url))\">\(XMLText.escape(html))</content>\n"
        }
        return xml + "  </entry>\n"
    }

    /// `urn:uuid:<id>` when the trip id is a UUID (stable even if the site moves), else the page URL.
    static func entryID(_ tripID: String, fallback: String) -> String {
        let hex = tripID.lowercased().unicodeScalars
        let shape =
            hex.count == 36
            && hex.enumerated().allSatisfy { index, scalar in
                [8, 13, 18, 23].contains(index) ? scalar == "-" : (("0"..."9").contains(scalar) || ("a"..."f").contains(scalar))
            }
        return shape ? "urn:uuid:\(tripID.lowercased())" : fallback
    }
}
