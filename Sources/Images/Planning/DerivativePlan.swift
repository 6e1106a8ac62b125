import Foundation
import TabiCore
import Vips

/// Every derivative one original gets under a set of recipes, planned from nothing but the
/// original's hash and its upright size: pure, so it is tested without an image and lets a
/// rebuild name every file without decoding anything.
struct DerivativePlan: Sendable, Equatable {
    /// The full hex SHA-256 of the original's bytes.
    var sourceHash: String
    /// The original's size as displayed (after EXIF rotation).
    var original: PixelSize
    var thumbnail: DerivativeSpec
    var medium: DerivativeSpec
    /// Grouped by format in the recipe's order, each group smallest width first.
    var responsive: [DerivativeSpec]

    var all: [DerivativeSpec] { [thumbnail, medium] + responsive }

    init(recipes: ImageRecipes, sourceHash: String, original: PixelSize) {
        self.sourceHash = sourceHash
        self.original = original
        thumbnail = Self.fixed(.thumbnail, recipes.thumbnail, sourceHash, original)
        medium = Self.fixed(.medium, recipes.medium, sourceHash, original)
        let widths = Self.responsiveWidths(recipes.widths, originalWidth: original.width)
        var responsive: [DerivativeSpec] = []
        for format in Self.unique(recipes.formats) {
            let quality = Self.quality(recipes.quality[format.rawValue] ?? Self.fallbackQuality(format))
            for width in widths {
                let box = PixelSize(width: width, height: ThumbnailOptions.unbounded)
                let tag = DerivativeSpec.tag(role: .responsive(width: width), box: box, crop: false)
                responsive.append(
                    DerivativeSpec(
                        role: .responsive(width: width), box: box, crop: false,
                        format: format, quality: quality, resizeBox: box,
                        path: DerivativeSpec.path(
                            sourceHash: sourceHash, tag: tag, crop: false,
                            format: format, quality: quality)))
            }
        }
        self.responsive = responsive
    }

    // MARK: - Rules

    /// The recipe's widths narrower than the original, plus the original's own width when it is
    /// narrower than the widest recipe width: a small photo still gets one responsive size, and
    /// nothing is ever enlarged. Non-positive and repeated widths are ignored.
    static func responsiveWidths(_ widths: [Int], originalWidth: Int) -> [Int] {
        let recipe = Set(widths.filter { $0 > 0 })
        guard let widest = recipe.max(), originalWidth > 0 else { return [] }
        var chosen = recipe.filter { $0 < originalWidth }
        chosen.insert(min(originalWidth, widest))
        return chosen.sorted()
    }

    /// The deepest decode level a derivative can be cut from without enlarging: level `k` is the
    /// original shrunk by 2^k (0…3, the steps JPEG and WebP decoders shrink by on load).
    ///
    /// The level depends on nothing but the original and the derivative's own box, never on the
    /// other recipes or the original's format: a derivative's bytes are then a function of its
    /// name (source hash + recipe), whatever else the same build makes. Derivatives on the same
    /// level ≥ 1 are cut from one image of ``decodeBox(level:)``; a derivative on level 0 is
    /// decoded straight into its box, once for all those that share the box (see
    /// ``DerivativeEncoder/make(_:from:plan:output:)``).
    func decodeLevel(for spec: DerivativeSpec) -> Int {
        let w = Double(original.width), h = Double(original.height)
        let bw = Double(spec.resizeBox.width), bh = Double(spec.resizeBox.height)
        let needed = min(1, spec.crop ? max(bw / w, bh / h) : min(bw / w, bh / h))
        var level = 0
        while level < 3, needed <= 1 / Double(1 << (level + 1)) { level += 1 }
        return level
    }

    /// About how many pixels a derivative has before it is encoded: the original fitted into
    /// its box (or the box, for a crop), never enlarged.
    func fittedPixels(_ spec: DerivativeSpec) -> Int {
        let w = Double(original.width), h = Double(original.height)
        let bw = Double(spec.resizeBox.width), bh = Double(spec.resizeBox.height)
        if spec.crop { return Int(min(bw, w) * min(bh, h)) }
        let scale = min(1, bw / w, bh / h)
        return Int((w * scale).rounded(.up) * (h * scale).rounded(.up))
    }

    /// The box the original is decoded into for a level: its size divided by 2^level, rounded up.
    func decodeBox(level: Int) -> PixelSize {
        let factor = 1 << level
        return PixelSize(width: (original.width + factor - 1) / factor, height: (original.height + factor - 1) / factor)
    }

    // MARK: - Helpers

    private static func fixed(
        _ role: DerivativeSpec.Role, _ recipe: FixedImageRecipe,
        _ sourceHash: String, _ original: PixelSize
    ) -> DerivativeSpec {
        let box = PixelSize(width: max(1, recipe.width), height: max(1, recipe.height))
        let quality = quality(recipe.quality)
        var resizeBox = box
        if recipe.crop {
            // Keep the box's shape when the original is smaller than it: a square thumbnail of a
            // 200×150 photo is 150×150, not 200×150 and not enlarged.
            let fit = min(1, Double(original.width) / Double(box.width), Double(original.height) / Double(box.height))
            resizeBox = PixelSize(
                width: max(1, Int((Double(box.width) * fit).rounded(.down))),
                height: max(1, Int((Double(box.height) * fit).rounded(.down))))
        }
        let tag = DerivativeSpec.tag(role: role, box: box, crop: recipe.crop)
        return DerivativeSpec(
            role: role, box: box, crop: recipe.crop, format: recipe.format,
            quality: quality, resizeBox: resizeBox,
            path: DerivativeSpec.path(
                sourceHash: sourceHash, tag: tag, crop: recipe.crop,
                format: recipe.format, quality: quality))
    }

    static func fallbackQuality(_ format: ImageFormat) -> Int {
        switch format {
        case .jpeg: 82
        case .webp: 78
        case .avif: 60
        }
    }

    private static func quality(_ value: Int) -> Int { min(100, max(1, value)) }

    private static func unique(_ formats: [ImageFormat]) -> [ImageFormat] {
        var seen = Set<ImageFormat>()
        return formats.filter { seen.insert($0).inserted }
    }
}

/// A width and height in pixels.
public struct PixelSize: Codable, Sendable, Hashable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
}
