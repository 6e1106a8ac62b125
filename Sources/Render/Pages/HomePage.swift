import TabiCore

/// `index.html`: the public trips, newest first. Context of the `home` template.
struct HomePage {
    let site: SiteView
    let page: PageMeta
    let assets: [String: String]
    let trips: [TripCard]
    let hasTrips: Bool

    /// `trips` are the public ones, already in listing order.
    init(trips: [TripFacts], renditions: [String: PhotoRenditions], frame: PageFrame) {
        let root = ""
        site = frame.site(root: root)
        assets = frame.assetURLs(root: root)
        self.trips = trips.map { TripCard($0, renditions: renditions, root: root) }
        hasTrips = !trips.isEmpty
        let cover = trips.lazy.compactMap { facts in facts.cover.map { (facts, $0) } }.first
        page = PageMeta(title: frame.config.title, headline: frame.config.title,
                        description: frame.description(frame.config.description),
                        canonical: frame.urls.absolute(SiteURLs.home), noindex: false, ogType: "website",
                        image: cover.flatMap { facts, photo in
                            frame.socialImage(renditions[photo.id], alt: PlainText.clean(photo.caption) ?? facts.title)
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

    init(_ facts: TripFacts, renditions: [String: PhotoRenditions], root: String) {
        url = SiteURLs.relative(SiteURLs.trip(facts.slug), root: root)
        title = facts.title
        dates = DateText.range(from: facts.trip.startDate, to: facts.trip.endDate)
        startISO = facts.trip.startDate?.description
        summary = facts.summary.map { PlainText.truncated($0, to: 280) }
        let names = DestinationView.ordered(facts.trip.destinations).compactMap { PlainText.clean($0.name) }
        places = names.isEmpty ? nil : names.joined(separator: " · ")
        stats = TripCard.stats(posts: facts.posts, renditions: renditions)
        thumbnail = facts.cover.flatMap { ThumbnailView(renditions[$0.id], root: root) }
    }

    static func stats(posts: [Post], renditions: [String: PhotoRenditions]) -> String? {
        let photos = posts.reduce(0) { $0 + $1.photos.filter { renditions[$0.id] != nil }.count }
        var parts: [String] = []
        if !posts.isEmpty { parts.append(posts.count == 1 ? "1 post" : "\(posts.count) posts") }
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
