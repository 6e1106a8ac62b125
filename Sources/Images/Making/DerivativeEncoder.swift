import ContentStore
import Foundation
import TabiCore
import Vips

/// The libvips half of making derivatives. Everything here blocks and runs on a
/// ``BlockingThread``; the images it makes never leave that thread.
enum DerivativeEncoder {
    static let webpEffort = 4
    static let avifEffort = 4

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
        return Original(input: input, size: PixelSize(width: upright.width, height: upright.height),
                        stored: PixelSize(width: header.width, height: header.height),
                        interpretation: header.interpretation,
                        hasProfile: header.blobSize("icc-profile-data") != nil,
                        shrinksOnLoad: header.loader.map { $0.hasPrefix("jpegload") || $0.hasPrefix("webpload") } ?? false)
    }

    /// Decodes the original upright and in sRGB once per decode level the derivatives need
    /// (shrink-on-load does most of the work inside the JPEG decoder), then resizes, encodes and
    /// writes each of `specs`. Returns the size of each file written.
    static func make(_ specs: [DerivativeSpec], from original: Original, plan: DerivativePlan,
                     output: URL) throws(DerivativeError) -> [String: PixelSize] {
        let levels = Dictionary(grouping: specs) { plan.decodeLevel(for: $0, shrinksOnLoad: original.shrinksOnLoad) }
        var written: [String: PixelSize] = [:]
        for level in levels.keys.sorted() {
            let intermediate = try decode(original, into: plan.decodeBox(level: level))
            for spec in levels[level]! {
                let (data, size) = try encode(spec, from: intermediate)
                do throws(FileError) {
                    try AtomicFile.write(data, to: output.appendingPathComponent(spec.path))
                } catch {
                    throw .write(error)
                }
                written[spec.path] = size
            }
        }
        return written
    }

    /// The original upright, in sRGB, without metadata, fitted into `box` with shrink-on-load.
    private static func decode(_ original: Original, into box: PixelSize) throws(DerivativeError) -> VipsImage {
        do throws(VipsError) {
            // Colour management only where there is something to manage: an embedded profile
            // is converted to sRGB, and a CMYK JPEG without one gets libvips's built-in CMYK
            // profile (read as RGB it would be garbage). An untagged RGB image is sRGB already;
            // asking for an sRGB export anyway shifts its colours in libvips 8.14.
            let managed = original.hasProfile || original.interpretation == .cmyk
            let options = ThumbnailOptions(
                width: box.width, height: box.height, size: .down, crop: nil, autorotate: true,
                importProfile: original.interpretation == .cmyk ? "cmyk" : nil,
                exportProfile: managed ? "srgb" : nil)
            // Metadata goes here, before any resize or save: nothing downstream can then carry
            // GPS or a profile into a file, and the resizes see plain sRGB pixels.
            return try original.input.thumbnail(options).sRGB().removingMetadata().copyToMemory()
        } catch {
            throw .decode(error)
        }
    }

    /// One derivative's bytes: resized from the intermediate, alpha flattened onto white for
    /// JPEG (which has none) and kept for WebP and AVIF, every metadata block stripped.
    static func encode(_ spec: DerivativeSpec, from intermediate: VipsImage) throws(DerivativeError) -> (Data, PixelSize) {
        do throws(VipsError) {
            var image = try intermediate.thumbnail(spec.resizeOptions)
            let data: Data
            switch spec.format {
            case .jpeg:
                image = try image.flatten(red: 255, green: 255, blue: 255)
                data = try image.jpegData(quality: spec.quality, progressive: true, stripMetadata: true)
            case .webp:
                data = try image.webpData(quality: spec.quality, effort: webpEffort, smartSubsample: true,
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
    case write(FileError)

    var description: String {
        switch self {
        case .decode(let error): "it cannot be decoded (\(error.message))"
        case .encode(let format, let error): "it cannot be encoded as \(format.rawValue.uppercased()) (\(error.message))"
        case .write(let error): "its derivative cannot be written (\(error))"
        }
    }
}
