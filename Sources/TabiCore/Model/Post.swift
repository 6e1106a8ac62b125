/// A public post of a trip (the app's `travel_posts` row), with its photos.
public struct Post: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var timestamp: Timestamp
    public var title: String?
    /// The traveller's text, in Markdown. Untrusted: rendered in safe mode only.
    public var content: String?
    /// The destination the post belongs to; its row may be missing (see ``Trip/destination(of:)``).
    public var destinationId: String?
    public var latitude: Double?
    public var longitude: Double?
    /// Photos in the app's order (`position`).
    public var photos: [Photo]

    public init(
        id: String, timestamp: Timestamp, title: String? = nil, content: String? = nil,
        destinationId: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
        photos: [Photo] = []
    ) {
        self.id = id
        self.timestamp = timestamp
        self.title = title
        self.content = content
        self.destinationId = destinationId
        self.latitude = latitude
        self.longitude = longitude
        self.photos = photos
    }
}
