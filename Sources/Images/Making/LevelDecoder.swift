import Foundation
import Vips

/// The decoded images an original's derivatives are cut from: upright, sRGB, without metadata.
///
/// Level `k` ≥ 1 (see ``DerivativePlan/decodeLevel(for:)``) is the original fitted into
/// ``DerivativePlan/decodeBox(level:)``, computed into memory so that all the level's derivatives
/// can be cut from it. JPEG and WebP shrink while they decode, so each of their levels is a decode
/// of its own. PNG, GIF and HEIF cannot: they are decoded once, in strips, into level 1 (a
/// quarter of the pixels), and deeper levels are resized from level 1. Either way a level is a
/// function of the original alone, never of which other levels the build needs.
///
/// Level 0 is never held: ``decode(into:crop:)`` gives a derivative's own pixels, decoded straight
/// into its box as the encoder reads them (or held at the box's size, for several derivatives
/// that share it). Nothing the size of the original is ever in memory,
/// whatever its format or orientation (libvips turns an image upright after shrinking it).
struct LevelDecoder {
    let original: DerivativeEncoder.Original
    let plan: DerivativePlan
    /// Level 1 of a format that cannot shrink on load, once made: the deeper levels' source.
    private var levelOne: VipsImage?

    init(_ original: DerivativeEncoder.Original, plan: DerivativePlan) {
        self.original = original
        self.plan = plan
    }

    /// Level `level` (1…3), in memory.
    mutating func intermediate(level: Int) throws(DerivativeError) -> VipsImage {
        let box = plan.decodeBox(level: level)
        if original.shrinksOnLoad { return try held(decode(into: box)) }
        let levelOne: VipsImage
        if let made = self.levelOne {
            levelOne = made
        } else {
            levelOne = try held(decode(into: plan.decodeBox(level: 1)))
            self.levelOne = levelOne
        }
        guard level > 1 else { return levelOne }
        do throws(VipsError) {
            return try levelOne.thumbnail(
                ThumbnailOptions(
                    width: box.width, height: box.height, size: .down,
                    autorotate: false)
            ).copyToMemory()
        } catch {
            throw .decode(error)
        }
    }

    /// The original upright, in sRGB, without metadata, fitted into `box` (or filling it, cropped
    /// on its most interesting part) with shrink-on-load where the format has it. Lazy: pixels
    /// are computed as whatever reads the result asks for them.
    func decode(into box: PixelSize, crop: Bool = false) throws(DerivativeError) -> VipsImage {
        do throws(VipsError) {
            // Colour management only where there is something to manage: an embedded profile
            // is converted to sRGB, and a CMYK JPEG without one gets libvips's built-in CMYK
            // profile (read as RGB it would be garbage). An untagged RGB image is sRGB already;
            // asking for an sRGB export anyway shifts its colours in libvips 8.14.
            let managed = original.hasProfile || original.interpretation == .cmyk
            let options = ThumbnailOptions(
                width: box.width, height: box.height, size: .down, crop: crop ? .attention : nil, autorotate: true,
                importProfile: original.interpretation == .cmyk ? "cmyk" : nil,
                exportProfile: managed ? "srgb" : nil)
            // Metadata goes here, before any resize or save: nothing downstream can then carry
            // GPS or a profile into a file, and the resizes see plain sRGB pixels.
            return try original.input.thumbnail(options).sRGB().removingMetadata()
        } catch {
            throw .decode(error)
        }
    }

    /// `image` computed into memory (a sequentially decoded image can be read once only).
    func held(_ image: VipsImage) throws(DerivativeError) -> VipsImage {
        do throws(VipsError) {
            return try image.copyToMemory()
        } catch {
            throw .decode(error)
        }
    }
}
