import TabiCore

/// `index.html`: the public trips, newest first. Context of the `home` template.
struct HomePage {
    let site: SiteView
    let page: PageMeta
    let assets: [String: String]
    let trips: [TripCard]
    let hasTrips: Bool

    /// `trips` are the public ones, already in listing order.
    init(trips: [ListingEntry], frame: PageFrame) {
        let root = ""
        site = frame.site(root: root)
        assets = frame.assetURLs(root: root)
        self.trips = trips.map { TripCard($0, root: root) }
        hasTrips = !trips.isEmpty
        let cover = trips.lazy.compactMap { facts in facts.cover.map { (facts, $0) } }.first
        page = PageMeta(title: frame.config.title, headline: frame.config.title,
                        description: frame.description(frame.config.description),
                        canonical: frame.urls.absolute(SiteURLs.home), noindex: false, ogType: "website",
                        image: cover.flatMap { facts, photo in
                            frame.socialImage(photo.renditions, alt: PlainText.clean(photo.caption) ?? facts.title)
                        })
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

    init(_ facts: ListingEntry, root: String) {
        url = SiteURLs.relative(SiteURLs.trip(facts.slug), root: root)
        title = facts.title
        dates = DateText.range(from: facts.startDate, to: facts.endDate)
        startISO = facts.startDate?.description
        summary = facts.summary.map { PlainText.truncated($0, to: 280) }
        places = facts.places.isEmpty ? nil : facts.places.joined(separator: " · ")
        stats = TripCard.stats(posts: facts.posts, photos: facts.photos)
        thumbnail = facts.cover.flatMap { ThumbnailView($0.renditions, root: root) }
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
