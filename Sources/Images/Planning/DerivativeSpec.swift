import Foundation
import TabiCore
import Vips

/// One derivative file to have for one original: which slot it fills, the box it is sized to,
/// its format and quality, and the content-addressed path that all of these name.
struct DerivativeSpec: Sendable, Hashable {
    /// The slot in ``PhotoRenditions`` a derivative fills.
    enum Role: Sendable, Hashable {
        case thumbnail
        case medium
        case responsive(width: Int)
    }

    var role: Role
    /// The box as the recipe gives it; ``resizeBox`` may be smaller for a small original.
    var box: PixelSize
    var crop: Bool
    var format: ImageFormat
    var quality: Int
    /// The box the original is resized into: the recipe's, or for a crop larger than the
    /// original, the largest box of the recipe's shape that fits (never enlarged).
    var resizeBox: PixelSize
    /// Site-relative path: `media/<2 hex>/<16 hex>-<tag>-<stamp>.<ext>`.
    var path: String

    /// How the derivative is resized from the decoded (upright, sRGB) intermediate.
    var resizeOptions: ThumbnailOptions {
        ThumbnailOptions(
            width: resizeBox.width, height: resizeBox.height, size: .down,
            crop: crop ? .attention : nil, autorotate: false)
    }
}

// MARK: - Naming

extension DerivativeSpec {
    /// Bumped whenever the encoders or the pipeline change what the same recipe produces (a
    /// libvips option, the flatten colour, the resize kernel), so old files are not reused.
    /// 3: no derivative is cut from a full-size copy of the original any more: PNG, GIF and HEIF
    /// derivatives come from level 1 or below (``LevelDecoder``), and level-0 derivatives of any
    /// format are decoded straight into their box.
    static let pipelineVersion = 3

    /// The encoder settings that are not in the recipe but do change the bytes.
    static func encoderSettings(_ format: ImageFormat) -> String {
        switch format {
        case .jpeg: "progressive,optimize-coding,strip,flatten=ffffff"
        case .webp: "effort=\(DerivativeEncoder.webpEffort),smart-subsample,strip"
        case .avif: "effort=\(DerivativeEncoder.avifEffort),strip"
        }
    }

    /// The file name part that says what was made, readable at a glance: `300x300c`, `800x600`
    /// or `w960`.
    static func tag(role: Role, box: PixelSize, crop: Bool) -> String {
        switch role {
        case .responsive(let width): "w\(width)"
        case .thumbnail, .medium: "\(box.width)x\(box.height)\(crop ? "c" : "")"
        }
    }

    /// `media/<2 hex>/<hash16>-<tag>-<stamp>.<ext>`. The stamp is a hash of everything else that
    /// shapes the bytes (format, quality, crop mode, encoder settings, ``pipelineVersion``), so a
    /// changed recipe gets new names and an unchanged one keeps its files.
    static func path(sourceHash: String, tag: String, crop: Bool, format: ImageFormat, quality: Int) -> String {
        let recipe =
            "tabi-derivative/\(pipelineVersion)|\(tag)|\(crop ? "crop=attention" : "fit")"
            + "|\(format.rawValue)|q=\(quality)|\(encoderSettings(format))"
        let stamp = ContentHash.sha256(recipe).prefix(6)
        let short = sourceHash.prefix(16)
        return "\(DerivativeMaker.mediaFolder)/\(short.prefix(2))/\(short)-\(tag)-\(stamp).\(format.fileExtension)"
    }
}
