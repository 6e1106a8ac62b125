import TabiCore

/// A page that lists trips: a page of the home page, of a tag, or the page of every tag
/// (``ListingPage``). Context of the `home` template.
struct HomePage {
    let site: SiteView
    let page: PageMeta
    let assets: [String: String]
    /// The page's `h1`: the site's title, or the tag's.
    let heading: String
    /// The site's description on the home page; what the page lists on the others.
    let lede: String?
    let trips: [TripCard]
    let hasTrips: Bool
    /// The tags index (`tags/`): every tag, with its number of trips.
    let tagList: [TagLinkView]
    let hasTagList: Bool
    let isTagIndex: Bool
    /// Links to the pages before and after, when there is more than one.
    let pager: PagerView?

    /// `trips` are the page's trips (``ListingPage/ids``), in listing order.
    init(_ listing: ListingPage, trips: [ListingEntry], frame: PageFrame) {
        let root = SiteURLs.root(ofPage: listing.path)
        let folder = ListingPages.folder(listing.kind, number: listing.number)
        site = frame.site(root: root)
        assets = frame.assetURLs(root: root)
        let words = frame.words
        self.trips = trips.map { TripCard($0, root: root, words: words) }
        hasTrips = !trips.isEmpty
        let config = frame.config
        let numbers = ["number": String(listing.number), "count": String(listing.count)]
        let suffix = listing.number > 1 ? " (\(words("page_suffix", numbers)))" : ""
        var description: String? = nil
        switch listing.kind {
        case .home:
            heading = config.title
            lede = config.description
            tagList = []
        case .tag(let tag):
            heading = words("tag_heading", ["tag": tag.name])
            lede = nil
            description = words("tag_description", ["tag": tag.name, "site": config.title])
            tagList = []
        case .tags(let tags):
            heading = words("tags")
            lede = nil
            description = words("tags_description", ["site": config.title])
            tagList = tags.map { TagLinkView($0.tag, trips: words.count("trip_count", $0.trips), root: root) }
        }
        hasTagList = !tagList.isEmpty
        if case .tags = listing.kind { isTagIndex = true } else { isTagIndex = false }
        pager = PagerView(listing, root: root, label: words("page_of", numbers))
        let title = listing.kind == .home && listing.number == 1 ? config.title : "\(heading)\(suffix) — \(config.title)"
        let cover = trips.lazy.compactMap { facts in facts.cover.map { (facts, $0) } }.first
        page = PageMeta(
            title: title, headline: heading + suffix,
            description: frame.description(description ?? config.description),
            canonical: frame.urls.absolute(folder), noindex: false, ogType: "website",
            image: cover.flatMap { facts, photo in
                frame.socialImage(photo.renditions, alt: PlainText.clean(photo.caption) ?? facts.title)
            })
    }
}

/// A link to a tag's page.
struct TagLinkView {
    let name: String
    /// Nil on an unlisted trip's page: its tags list no trip of it, and link to none.
    let url: String?
    /// How many trips it has, on the tags index; nil elsewhere.
    let trips: String?

    init(_ tag: SiteTag, trips: String? = nil, root: String, linked: Bool = true) {
        name = tag.name
        url = linked ? SiteURLs.relative(SiteURLs.tag(tag.slug), root: root) : nil
        self.trips = trips
    }
}

/// Newer and older pages of a listing, and where this one stands.
struct PagerView {
    let newer: String?
    let older: String?
    /// `Page 2 of 5`.
    let label: String

    init?(_ listing: ListingPage, root: String, label: String) {
        guard listing.count > 1 else { return nil }
        func url(_ number: Int) -> String {
            SiteURLs.relative(ListingPages.folder(listing.kind, number: number), root: root)
        }
        newer = listing.number > 1 ? url(listing.number - 1) : nil
        older = listing.number < listing.count ? url(listing.number + 1) : nil
        self.label = label
    }
}

/// One trip in a listing.
struct TripCard {
    let url: String
    let title: String
    let dates: String?
    let startISO: String?
    let summary: String?
    /// Destination names in order, `·`-separated.
    let places: String?
    /// `5 posts · 23 photos`.
    let stats: String?
    let thumbnail: ThumbnailView?
    let tags: [TagLinkView]
    let hasTags: Bool

    init(_ facts: ListingEntry, root: String, words: SiteWords) {
        url = SiteURLs.relative(SiteURLs.trip(facts.slug), root: root)
        title = facts.title
        dates = words.range(from: facts.startDate, to: facts.endDate)
        startISO = facts.startDate?.description
        summary = facts.summary.map { PlainText.truncated($0, to: 280) }
        places = facts.places.isEmpty ? nil : facts.places.joined(separator: " · ")
        stats = TripCard.stats(posts: facts.posts, photos: facts.photos, words: words)
        thumbnail = facts.cover.flatMap { ThumbnailView($0.renditions, root: root) }
        tags = SiteTag.unique(facts.tags).map { TagLinkView($0, root: root) }
        hasTags = !tags.isEmpty
    }

    static func stats(posts: Int, photos: Int, words: SiteWords) -> String? {
        var parts: [String] = []
        if posts > 0 { parts.append(words.count("post_count", posts)) }
        if photos > 0 { parts.append(words.count("photo_count", photos)) }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }
}

/// `404.html`: served for any missing address, at any depth, so its links start from the base path.
struct NotFoundPage {
    let site: SiteView
    let page: PageMeta
    let assets: [String: String]

    init(frame: PageFrame) {
        let root = frame.urls.basePath
        site = frame.site(root: root)
        assets = frame.assetURLs(root: root)
        let notFound = frame.words("not_found")
        page = PageMeta(
            title: "\(notFound) — \(frame.config.title)", headline: notFound,
            description: frame.description(nil), canonical: frame.urls.absolute(SiteURLs.notFound), noindex: true, ogType: "website",
            image: nil)
    }
}
