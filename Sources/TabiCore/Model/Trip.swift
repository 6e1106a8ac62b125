// MARK: - Trip

/// The public facts of one trip, as extract writes them to `Content/trips/<slug>/trip.json`.
///
/// This is the contract every stage shares: extract writes it, draft reads it to build a prompt,
/// build renders it. Only what the app marks public or unlisted ever becomes a `Trip`, and only the
/// public posts of it (with their photos) are in `posts`.
public struct Trip: Codable, Sendable, Equatable {
    /// The app's `travels.id` (a lower-case UUID); stable for the life of the trip.
    public var id: String
    /// The URL name of the trip (`trips/<slug>/`); matches ``Slug/pattern`` and never changes once given.
    public var slug: String
    public var title: String
    public var description: String?
    public var startDate: CalendarDate?
    public var endDate: CalendarDate?
    public var status: TripStatus
    public var visibility: TripVisibility
    /// The traveller's display name (the app's `profiles.display_name`, or the username when empty).
    public var author: String?
    /// The app's `travels.cover_photo_id`, when it names a photo of a public post.
    public var coverPhotoId: String?
    /// The latest `updated_at` of the trip and of the rows it was extracted from.
    public var updatedAt: Timestamp?
    /// Destinations in the app's order (`position`, then arrival date).
    public var destinations: [Destination]
    /// Public posts, oldest first.
    public var posts: [Post]
    /// What the extract that wrote this file saw in the database, for `extract --changed`.
    public var source: SourceStamp?

    public init(
        id: String, slug: String, title: String, description: String? = nil,
        startDate: CalendarDate? = nil, endDate: CalendarDate? = nil,
        status: TripStatus = .completed, visibility: TripVisibility = .public,
        author: String? = nil, coverPhotoId: String? = nil, updatedAt: Timestamp? = nil,
        destinations: [Destination] = [], posts: [Post] = [], source: SourceStamp? = nil
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.description = description
        self.startDate = startDate
        self.endDate = endDate
        self.status = status
        self.visibility = visibility
        self.author = author
        self.coverPhotoId = coverPhotoId
        self.updatedAt = updatedAt
        self.destinations = destinations
        self.posts = posts
        self.source = source
    }

    /// Every photo of the trip, in post order then photo order.
    public var photos: [Photo] { posts.flatMap(\.photos) }

    /// The destination a post was written at, when its row still exists.
    public func destination(of post: Post) -> Destination? {
        guard let id = post.destinationId else { return nil }
        return destinations.first { $0.id == id }
    }
}

/// The app's `travels.status`.
public enum TripStatus: String, Codable, Sendable, CaseIterable {
    case planning, ongoing, completed
}

/// The app's `travels.visibility`, restricted to what may leave the database.
/// A private trip is never extracted, so it has no case here.
public enum TripVisibility: String, Codable, Sendable, CaseIterable {
    /// Listed on the home page, in the feed and in the sitemap.
    case `public`
    /// Reachable by its URL only: a page marked `noindex`, in no listing, feed or sitemap.
    case unlisted
}

/// What extract saw for one trip, so a later `extract --changed` can tell whether it changed.
public struct SourceStamp: Codable, Sendable, Equatable {
    /// The latest `updated_at` over the trip's rows.
    public var updatedAt: Timestamp?
    /// A digest the database computed over the trip's public rows (see the extract stage).
    public var fingerprint: String

    public init(updatedAt: Timestamp?, fingerprint: String) {
        self.updatedAt = updatedAt
        self.fingerprint = fingerprint
    }
}
