/// The derivatives made for one photo, as pages reference them. Images makes them; Render only
/// reads paths and sizes from here.
public struct PhotoRenditions: Sendable, Equatable, Codable {
    public var photoId: String
    /// The 300×300 cover crop.
    public var thumbnail: ImageRendition
    /// The 800×600 fit-inside "medium".
    public var medium: ImageRendition
    /// The responsive set, grouped by format in the recipe's order, each smallest width first.
    public var responsive: [ImageRendition]

    public init(photoId: String, thumbnail: ImageRendition, medium: ImageRendition, responsive: [ImageRendition]) {
        self.photoId = photoId
        self.thumbnail = thumbnail
        self.medium = medium
        self.responsive = responsive
    }
}

/// One encoded derivative file.
public struct ImageRendition: Sendable, Equatable, Codable {
    /// Site-relative path with no leading slash, e.g. `media/3f/3fa2…-w960.webp`.
    public var path: String
    public var width: Int
    public var height: Int
    public var format: ImageFormat

    public init(path: String, width: Int, height: Int, format: ImageFormat) {
        self.path = path
        self.width = width
        self.height = height
        self.format = format
    }
}
