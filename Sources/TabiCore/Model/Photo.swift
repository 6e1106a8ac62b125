/// A photo of a public post (the app's `post_photos` row). Its GPS position is never extracted.
public struct Photo: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    /// Where the original resolves under the media root (`--media DIR` or `s3://bucket/prefix`).
    public var storageKey: String
    public var contentType: String?
    /// The hex SHA-256 of the original, when the app recorded it; names derivatives without reading it.
    public var sha256: String?
    public var caption: String?
    public var takenAt: Timestamp?
    /// The original's pixel size as the app recorded it (before EXIF rotation).
    public var width: Int?
    public var height: Int?
    /// The app's ordering of photos within the post.
    public var position: Int

    public init(
        id: String, storageKey: String, contentType: String? = nil, sha256: String? = nil,
        caption: String? = nil, takenAt: Timestamp? = nil, width: Int? = nil,
        height: Int? = nil, position: Int = 0
    ) {
        self.id = id
        self.storageKey = storageKey
        self.contentType = contentType
        self.sha256 = sha256
        self.caption = caption
        self.takenAt = takenAt
        self.width = width
        self.height = height
        self.position = position
    }
}
