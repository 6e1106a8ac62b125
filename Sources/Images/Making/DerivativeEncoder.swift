import ContentStore
import Foundation
import TabiCore
import Vips

/// The libvips half of making derivatives. Everything here blocks and runs on a
/// ``BlockingThread``; the images it makes never leave that thread.
enum DerivativeEncoder {
    static let webpEffort = 4
    static let avifEffort = 4
    /// The largest level-0 box held in memory for the derivatives that share it (64 MB with
    /// alpha); a larger one is decoded once per derivative, as the encoder reads it.
    static let maximumSharedPixels = 4096 * 4096

    /// An opened original: its bytes held by libvips and the header facts planning needs.
    struct Original {
        let input: VipsInput
        /// Width and height as displayed (after EXIF rotation).
        let size: PixelSize
        /// Width and height as stored, of the first frame (the only one read).
        let stored: PixelSize
        let interpretation: VipsImage.Interpretation
        /// Whether the original embeds an ICC profile.
        let hasProfile: Bool
        /// Whether its decoder can shrink while it loads (JPEG, WebP).
        let shrinksOnLoad: Bool

        /// Stored width × height: what a full decode of the first frame would hold.
        var pixels: Int { stored.width * stored.height }
    }

    /// Reads the header only. Truncated data fails later, at decode time; a format outside
    /// libvips's allow-list (``VipsLoader``) fails here, before its loader runs.
    static func open(_ bytes: ImageBytes) throws(VipsError) -> Original {
        let input = try VipsInput(bytes: bytes, failOn: .truncated)
        let header = try input.header()
        let upright = header.orientedSize
        return Original(
            input: input, size: PixelSize(width: upright.width, height: upright.height),
            stored: PixelSize(width: header.width, height: header.height),
            interpretation: header.interpretation,
            hasProfile: header.blobSize("icc-profile-data") != nil,
            shrinksOnLoad: header.loader.map { VipsLoader(nickname: $0).shrinksOnLoad } ?? false)
    }

    /// Makes and writes each of `specs`; returns the size of each file written. Derivatives that
    /// share a box and crop (one width in WebP and JPEG) are encoded from the same pixels.
    /// Those of a level ≥ 1 are cut from the level's image in memory (see ``LevelDecoder``).
    /// Those of level 0 come after the others, so that a damaged original fails in a decode of
    /// its own when it can: a box is decoded straight from the original, in one pass with the
    /// encoder for a single derivative, or held at the box's size (at most
    /// ``maximumSharedPixels``, never the original's) for several.
    static func make(
        _ specs: [DerivativeSpec], from original: Original, plan: DerivativePlan,
        output: URL
    ) throws(DerivativeError) -> [String: PixelSize] {
        let levels = Dictionary(grouping: specs) { plan.decodeLevel(for: $0) }
        var decoder = LevelDecoder(original, plan: plan)
        var written: [String: PixelSize] = [:]
        func write(_ spec: DerivativeSpec, _ made: (data: Data, size: PixelSize)) throws(DerivativeError) {
            do throws(FileError) {
                try AtomicFile.write(made.data, to: output.appendingPathComponent(spec.path))
            } catch {
                throw .write(error)
            }
            written[spec.path] = made.size
        }
        for level in levels.keys.filter({ $0 > 0 }).sorted() {
            let intermediate = try decoder.intermediate(level: level)
            for box in sharedBoxes(levels[level]!) {
                let resized = try resize(intermediate, to: box[0])
                let pixels = box.count == 1 ? resized : try decoder.held(resized)
                for spec in box { try write(spec, encode(spec, from: pixels)) }
            }
        }
        for box in sharedBoxes(levels[0] ?? []) {
            if box.count == 1 || plan.fittedPixels(box[0]) > maximumSharedPixels {
                for spec in box { try write(spec, encodeInOnePass(spec, decoder: decoder)) }
            } else {
                let pixels = try decoder.held(decoder.decode(into: box[0].resizeBox, crop: box[0].crop))
                for spec in box { try write(spec, encode(spec, from: pixels)) }
            }
        }
        return written
    }

    /// `specs` in groups of one box and crop (the same pixels before encoding), in order.
    private static func sharedBoxes(_ specs: [DerivativeSpec]) -> [[DerivativeSpec]] {
        var groups: [[DerivativeSpec]] = []
        for spec in specs {
            if let index = groups.firstIndex(where: { $0[0].resizeBox == spec.resizeBox && $0[0].crop == spec.crop }) {
                groups[index].append(spec)
            } else {
                groups.append([spec])
            }
        }
        return groups
    }

    /// A level-0 derivative: decoded straight into its box and encoded, in one pass.
    private static func encodeInOnePass(_ spec: DerivativeSpec, decoder: LevelDecoder) throws(DerivativeError) -> (Data, PixelSize) {
        let pixels = try decoder.decode(into: spec.resizeBox, crop: spec.crop)
        do throws(DerivativeError) {
            return try encode(spec, from: pixels)
        } catch {
            // The encoder drives the decode here: libvips's text says which of them failed.
            guard case .encode(let format, let cause) = error else { throw error }
            throw .decodeOrEncode(format, cause)
        }
    }

    /// A derivative's pixels cut from a level's intermediate.
    private static func resize(_ intermediate: VipsImage, to spec: DerivativeSpec) throws(DerivativeError) -> VipsImage {
        do throws(VipsError) {
            return try intermediate.thumbnail(spec.resizeOptions)
        } catch {
            throw .encode(spec.format, error)
        }
    }

    /// One derivative's bytes from its (resized) pixels: alpha flattened onto white for JPEG
    /// (which has none) and kept for WebP and AVIF, every metadata block stripped.
    static func encode(_ spec: DerivativeSpec, from resized: VipsImage) throws(DerivativeError) -> (Data, PixelSize) {
        do throws(VipsError) {
            var image = resized
            let data: Data
            switch spec.format {
            case .jpeg:
                image = try image.flatten(red: 255, green: 255, blue: 255)
                data = try image.jpegData(quality: spec.quality, progressive: true, stripMetadata: true)
            case .webp:
                data = try image.webpData(
                    quality: spec.quality, effort: webpEffort, smartSubsample: true,
                    stripMetadata: true)
            case .avif:
                data = try image.avifData(quality: spec.quality, effort: avifEffort, stripMetadata: true)
            }
            return (data, PixelSize(width: image.width, height: image.height))
        } catch {
            throw .encode(spec.format, error)
        }
    }

    /// An existing derivative's size from its header; nil when it cannot be read (it is then
    /// made again).
    static func size(ofFile url: URL) -> PixelSize? {
        guard let header = try? VipsInput(file: url.path, failOn: .none).header() else { return nil }
        return PixelSize(width: header.width, height: header.height)
    }
}

/// Why an opened original yielded no derivatives.
enum DerivativeError: Error, CustomStringConvertible {
    case decode(VipsError)
    case encode(ImageFormat, VipsError)
    /// A derivative decoded, resized and encoded in one pass failed (libvips's text says where).
    case decodeOrEncode(ImageFormat, VipsError)
    case write(FileError)

    var description: String {
        switch self {
        case .decode(let error): "it cannot be decoded (\(error.message))"
        case .encode(let format, let error): "it cannot be encoded as \(format.rawValue.uppercased()) (\(error.message))"
        case .decodeOrEncode(let format, let error):
            "it cannot be decoded and encoded as \(format.rawValue.uppercased()) (\(error.message))"
        case .write(let error): "its derivative cannot be written (\(error))"
        }
    }
}
