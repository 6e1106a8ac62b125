import TabiCore

/// What the listings (home page, feed, sitemap) say about one public trip, worked out from its
/// facts once. Codable, so a stateless run can keep it with the pipeline's state and write the
/// listings later without reading, or parsing, any trip again.
public struct ListingEntry: Codable, Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String?
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    /// The latest instant found in the content (see ``TripFacts/updated``).
    public var updated: Timestamp?
    public var author: String?
    /// The story's tags, cleaned.
    public var tags: [String]
    /// Destination names in order.
    public var places: [String]
    public var posts: Int
    /// Photos that have renditions.
    public var photos: Int
    /// The cover photo's caption and renditions.
    public var cover: Cover?
    /// The story as safe HTML (the feed carries it).
    public var storyHTML: String?

    public struct Cover: Codable, Sendable, Equatable {
        public var caption: String?
        public var renditions: PhotoRenditions
    }

    init(facts: TripFacts, renditions: [String: PhotoRenditions]) {
        id = facts.trip.id
        slug = facts.slug
        title = facts.title
        summary = facts.summary
        startDate = facts.trip.startDate
        endDate = facts.trip.endDate
        updated = facts.updated
        author = PlainText.clean(facts.trip.author)
        tags = Self.tags(facts.story)
        places = DestinationView.ordered(facts.trip.destinations).compactMap { PlainText.clean($0.name) }
        posts = facts.posts.count
        photos = facts.posts.reduce(0) { $0 + $1.photos.filter { renditions[$0.id] != nil }.count }
        cover = facts.cover.flatMap { photo in renditions[photo.id].map { Cover(caption: photo.caption, renditions: $0) } }
        storyHTML = facts.storyHTML?.html
    }

    /// Newest trip first: start date, then last change, then title and slug so ties never depend
    /// on input order.
    public static func newestFirst(_ lhs: ListingEntry, _ rhs: ListingEntry) -> Bool {
        newestFirst((lhs.startDate, lhs.updated, lhs.title, lhs.slug), (rhs.startDate, rhs.updated, rhs.title, rhs.slug))
    }

    typealias Order = (start: CalendarDate?, updated: Timestamp?, title: String, slug: String)

    /// `items` newest first, as `newestFirst` orders them, each item's order taken once. Sorting
    /// the items themselves moved each (a large value) about log n times and built two orders a
    /// comparison: 14 % of a one-trip rebuild at 10,000 trips.
    /// The dates are compared as numbers first; only a tie on both goes to `newestFirst`.
    static func sortedNewestFirst<Items: Collection>(_ items: Items, by order: (Items.Element) -> Order) -> [Items.Element] {
        let elements = Array(items)
        let orders = elements.map(order)
        // Newest first, undated last: a missing date is the smallest number.
        let numbers = orders.map { order in
            (
                start: order.start.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? .min,
                updated: order.updated?.date.timeIntervalSinceReferenceDate ?? -.infinity
            )
        }
        let sorted = orders.withUnsafeBufferPointer { orders in
            numbers.withUnsafeBufferPointer { numbers in
                Array(orders.indices).sorted { left, right in
                    let (a, b) = (numbers[left], numbers[right])
                    if a.start != b.start { return a.start > b.start }
                    if a.updated != b.updated { return a.updated > b.updated }
                    return newestFirst(orders[left], orders[right])
                }
            }
        }
        return sorted.map { elements[$0] }
    }

    static func newestFirst(_ lhs: Order, _ rhs: Order) -> Bool {
        if lhs.start != rhs.start {
            guard let left = lhs.start else { return false }
            guard let right = rhs.start else { return true }
            return left > right
        }
        if lhs.updated != rhs.updated {
            guard let left = lhs.updated else { return false }
            guard let right = rhs.updated else { return true }
            return left > right
        }
        if lhs.title != rhs.title { return lhs.title < rhs.title }
        return lhs.slug < rhs.slug
    }
}

extension ListingEntry {
    static func tags(_ story: Story?) -> [String] {
        story?.frontMatter.tags.compactMap { PlainText.clean($0) } ?? []
    }

    /// Where a trip goes in the listings, worked out from its files alone (no Markdown is parsed):
    /// the same as its rendered entry's ``placement``; nil for a trip no listing shows.
    public static func placement(of content: TripContent) -> ListingPlacement? {
        guard content.trip.visibility == .public else { return nil }
        let newest = content.trip.posts.max { ($0.timestamp, $0.id) < ($1.timestamp, $1.id) }
        return ListingPlacement(
            id: content.trip.id, slug: content.trip.slug, title: TripFacts.title(content),
            startDate: content.trip.startDate, updated: TripFacts.updated(content, newestPost: newest),
            tags: tags(content.publishedStory))
    }
}
