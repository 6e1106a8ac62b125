/// How large a photo original may be before anything decodes it, set under `images:` in
/// `tabi.yml` (`maxPixels`, `maxBytes`). Originals come from an app's users: a file over either
/// limit is refused with its size named, and the rest of the build carries on.
///
/// Only the site's `tabi.yml` sets these; a theme's `images:` gives recipes, never limits.
public struct ImageLimits: Codable, Sendable, Equatable {
    /// The most pixels (width × height, as stored, first frame) an original may declare. Checked on
    /// the header, before a pixel is decoded.
    public var maxPixels: Int
    /// The most bytes an original may have. Checked on the file's (or object's) size before it is
    /// read, and never more than this is read.
    public var maxBytes: Int

    /// 100 megapixels: twice a 48-megapixel phone camera's largest photo, four times a 24-megapixel
    /// camera's; a decoded frame of that size would be 300 MB of RGB, 400 MB with alpha (no frame
    /// is held whole, but a decoder may keep one: libheif does). 50 MiB: the largest JPEG or HEIF
    /// such a photo makes at high quality is about 25 MB, with room for a PNG screenshot or scan,
    /// and a build holds the bytes of every photo in flight (one per core) once.
    public static let defaults = ImageLimits(maxPixels: 100_000_000, maxBytes: 50 << 20)

    public init(maxPixels: Int, maxBytes: Int) {
        self.maxPixels = maxPixels
        self.maxBytes = maxBytes
    }

    enum CodingKeys: String, CodingKey { case maxPixels, maxBytes }

    /// Reads the two keys from an `images:` mapping (which holds the recipes too); missing keys
    /// take the defaults, and a limit below 1 is refused with its key named.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ImageLimits.defaults
        self.init(
            maxPixels: try Self.positive(c, .maxPixels) ?? d.maxPixels,
            maxBytes: try Self.positive(c, .maxBytes) ?? d.maxBytes)
    }

    private static func positive(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Int? {
        guard let value = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard value >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "must be at least 1, not \(value)")
        }
        return value
    }
}
