/// How photos become derivatives: the app design's thumbnail and medium, plus the responsive
/// widths and formats pages use through `<picture>`/`srcset`. Set under `images:` in `tabi.yml`.
public struct ImageRecipes: Codable, Sendable, Equatable {
    /// The 300×300 cover thumbnail (cropped).
    public var thumbnail: FixedImageRecipe
    /// The 800×600 "medium" (fit inside, never enlarged).
    public var medium: FixedImageRecipe
    /// Responsive widths, smallest first; a width above the original's is not made.
    public var widths: [Int]
    /// Formats for the responsive widths, most preferred first (the last one is the `<img>` fallback).
    public var formats: [ImageFormat]
    /// Encoder quality per format for the responsive widths.
    public var quality: [String: Int]
    /// The `sizes` attribute pages give with `srcset`.
    public var sizes: String

    public static let defaults = ImageRecipes(
        thumbnail: FixedImageRecipe(width: 300, height: 300, crop: true, format: .jpeg, quality: 80),
        medium: FixedImageRecipe(width: 800, height: 600, crop: false, format: .jpeg, quality: 85),
        widths: [480, 960, 1600], formats: [.webp, .jpeg], quality: ["webp": 78, "jpeg": 82],
        sizes: "(min-width: 58rem) 56rem, 100vw")

    public init(
        thumbnail: FixedImageRecipe, medium: FixedImageRecipe, widths: [Int],
        formats: [ImageFormat], quality: [String: Int], sizes: String
    ) {
        self.thumbnail = thumbnail
        self.medium = medium
        self.widths = widths
        self.formats = formats
        self.quality = quality
        self.sizes = sizes
    }

    enum CodingKeys: String, CodingKey { case thumbnail, medium, widths, formats, quality, sizes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ImageRecipes.defaults
        self.init(
            thumbnail: try c.decodeIfPresent(FixedImageRecipe.self, forKey: .thumbnail) ?? d.thumbnail,
            medium: try c.decodeIfPresent(FixedImageRecipe.self, forKey: .medium) ?? d.medium,
            widths: try c.decodeIfPresent([Int].self, forKey: .widths) ?? d.widths,
            formats: try c.decodeIfPresent([ImageFormat].self, forKey: .formats) ?? d.formats,
            quality: try c.decodeIfPresent([String: Int].self, forKey: .quality) ?? d.quality,
            sizes: try c.decodeIfPresent(String.self, forKey: .sizes) ?? d.sizes)
    }
}

/// One fixed-size derivative: a box, crop or fit, a format and a quality.
public struct FixedImageRecipe: Codable, Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Crop to fill the box (centre of attention) rather than fit inside it.
    public var crop: Bool
    public var format: ImageFormat
    public var quality: Int

    public init(width: Int, height: Int, crop: Bool, format: ImageFormat, quality: Int) {
        self.width = width
        self.height = height
        self.crop = crop
        self.format = format
        self.quality = quality
    }
}

/// The encoded formats derivatives come in.
public enum ImageFormat: String, Codable, Sendable, CaseIterable {
    case jpeg, webp, avif

    /// The file extension, without the dot.
    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
    /// The MIME type for `<source type>` and `Content-Type`.
    public var mimeType: String { "image/\(rawValue)" }
}
