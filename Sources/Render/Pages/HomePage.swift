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
        self.trips = trips.map { TripCard($0, root: root) }
        hasTrips = !trips.isEmpty
        let config = frame.config
        let suffix = listing.number > 1 ? " (page \(listing.number) of \(listing.count))" : ""
        var description: String? = nil
        switch listing.kind {
        case .home:
            heading = config.title
            lede = config.description
            tagList = []
        case .tag(let tag):
            heading = "Trips tagged “\(tag.name)”"
            lede = nil
            description = "Trips tagged “\(tag.name)” on \(config.title)."
            tagList = []
        case .tags(let tags):
            heading = "Tags"
            lede = nil
            description = "Every tag of the trips on \(config.title)."
            tagList = tags.map { TagLinkView($0.tag, trips: $0.trips, root: root) }
        }
        hasTagList = !tagList.isEmpty
        if case .tags = listing.kind { isTagIndex = true } else { isTagIndex = false }
        pager = PagerView(listing, root: root)
        let title = listing.kind == .home && listing.number == 1 ? config.title : "\(heading)\(suffix) — \(config.title)"
        let cover = trips.lazy.compactMap { facts in facts.cover.map { (facts, $0) } }.first
        page = PageMeta(title: title, headline: heading + suffix,
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

    init(_ tag: SiteTag, trips: Int? = nil, root: String, linked: Bool = true) {
        name = tag.name
        url = linked ? SiteURLs.relative(SiteURLs.tag(tag.slug), root: root) : nil
        self.trips = trips.map { $0 == 1 ? "1 trip" : "\($0) trips" }
    }
}

/// Newer and older pages of a listing, and where this one stands.
struct PagerView {
    let newer: String?
    let older: String?
    /// `Page 2 of 5`.
    let label: String

    init?(_ listing: ListingPage, root: String) {
        guard listing.count > 1 else { return nil }
        func url(_ number: Int) -> String {
            SiteURLs.relative(ListingPages.folder(listing.kind, number: number), root: root)
        }
        newer = listing.number > 1 ? url(listing.number - 1) : nil
        older = listing.number < listing.count ? url(listing.number + 1) : nil
        label = "Page \(listing.number) of \(listing.count)"
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

    init(_ facts: ListingEntry, root: String) {
        url = SiteURLs.relative(SiteURLs.trip(facts.slug), root: root)
        title = facts.title
        dates = DateText.range(from: facts.startDate, to: facts.endDate)
        startISO = facts.startDate?.description
        summary = facts.summary.map { PlainText.truncated($0, to: 280) }
        places = facts.places.isEmpty ? nil : facts.places.joined(separator: " · ")
        stats = TripCard.stats(posts: facts.posts, photos: facts.photos)
        thumbnail = facts.cover.flatMap { ThumbnailView($0.renditions, root: root) }
        tags = SiteTag.unique(facts.tags).map { TagLinkView($0, root: root) }
        hasTags = !tags.isEmpty
    }

    static func stats(posts: Int, photos: Int) -> String? {
        var parts: [String] = []
        if posts > 0 { parts.append(posts == 1 ? "1 post" : "\(posts) posts") }
        if photos > 0 { parts.append(photos == 1 ? "1 photo" : "\(photos) photos") }
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
        page = PageMeta(title: "Page not found — \(frame.config.title)", headline: "Page not found",
                        description: frame.description(nil), canonical: frame.urls.absolute(SiteURLs.notFound), noindex: true, ogType: "website", image: nil)
    }
}
