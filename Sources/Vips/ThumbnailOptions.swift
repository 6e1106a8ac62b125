internal import CVips
import Foundation

/// How `vips_thumbnail` sizes an image: a box, whether to crop to fill it, whether it may grow,
/// EXIF autorotation and colour management.
public struct ThumbnailOptions: Sendable, Equatable {
    /// The box. A box side of ``unbounded`` leaves that side free (size to a width only).
    public var width: Int
    public var height: Int
    public var size: Size
    /// Crop to fill the box instead of fitting inside it; nil fits.
    public var crop: Crop?
    /// Turn the image upright by its EXIF orientation (and drop the tag).
    public var autorotate: Bool
    /// The profile to assume when the image has none (libvips names "srgb", "cmyk", or a file).
    public var importProfile: String?
    /// Convert to this profile; with "srgb", CMYK and wide-gamut images come out sRGB.
    public var exportProfile: String?

    /// libvips's largest coordinate: a box side this long never limits.
    public static let unbounded = 10_000_000

    public init(
        width: Int, height: Int = ThumbnailOptions.unbounded, size: Size = .down,
        crop: Crop? = nil, autorotate: Bool = true, importProfile: String? = nil,
        exportProfile: String? = nil
    ) {
        self.width = width
        self.height = height
        self.size = size
        self.crop = crop
        self.autorotate = autorotate
        self.importProfile = importProfile
        self.exportProfile = exportProfile
    }

    /// Whether the result may be larger or smaller than the source (`VipsSize`).
    public enum Size: Sendable, Equatable {
        /// Only shrink: an image smaller than the box is kept at its size.
        case down
        /// Only enlarge.
        case up
        /// Shrink or enlarge to the box.
        case both
        /// Stretch to exactly the box, ignoring the aspect ratio.
        case force

        var cValue: Int32 {
            switch self {
            case .both: Int32(VIPS_SIZE_BOTH.rawValue)
            case .up: Int32(VIPS_SIZE_UP.rawValue)
            case .down: Int32(VIPS_SIZE_DOWN.rawValue)
            case .force: Int32(VIPS_SIZE_FORCE.rawValue)
            }
        }
    }

    /// Which part of the image a crop keeps (`VipsInteresting`).
    public enum Crop: Sendable, Equatable {
        case centre
        /// The region libvips's saliency measure (skin tones, saturation, edges) finds most interesting.
        case attention
        case entropy

        var cValue: Int32 {
            switch self {
            case .centre: Int32(VIPS_INTERESTING_CENTRE.rawValue)
            case .attention: Int32(VIPS_INTERESTING_ATTENTION.rawValue)
            case .entropy: Int32(VIPS_INTERESTING_ENTROPY.rawValue)
            }
        }
    }

    /// Calls `body` with the profile names as C strings (NULL when absent).
    func withProfiles<R>(_ body: (UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> R) -> R {
        withOptionalCString(importProfile) { importProfile in
            withOptionalCString(exportProfile) { exportProfile in body(importProfile, exportProfile) }
        }
    }
}

private func withOptionalCString<R>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> R) -> R {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
