internal import CVips
internal import CVipsShim
import Foundation

/// Encoded image bytes (or a file) as libvips reads them. Bytes are read in place
/// (``ImageBytes``) and kept alive by every image loaded from them, so no caller has to outlive
/// the images. One input can be read several times: a cheap ``header()`` first, then a
/// ``thumbnail(_:)``.
public final class VipsInput {
    let pointer: UnsafeMutablePointer<CVips.VipsSource>
    /// How much damage a load tolerates before it fails.
    public let failOn: FailOn

    /// Reads `bytes` in place: no copy is made.
    public init(bytes: ImageBytes, failOn: FailOn = .truncated) throws(VipsError) {
        try Vips.start()
        self.pointer = try Vips.isolatingErrors { () throws(VipsError) in
            guard let source = vips_source_new_from_blob(bytes.blob) else {
                throw VipsError.take(operation: "hold the image bytes")
            }
            return source
        }
        self.failOn = failOn
    }

    /// Reads `bytes`, lent to libvips as ``ImageBytes``.
    public convenience init(bytes: Data, failOn: FailOn = .truncated) throws(VipsError) {
        try self.init(bytes: ImageBytes(bytes), failOn: failOn)
    }

    /// Reads from a file (derivatives the build wrote, or a test's fixture). The same loaders
    /// are allowed as for bytes.
    public init(file path: String, failOn: FailOn = .truncated) throws(VipsError) {
        try Vips.start()
        self.pointer = try Vips.isolatingErrors { () throws(VipsError) in
            guard let source = vips_source_new_from_file(path) else {
                throw VipsError.take(operation: "open \(path)")
            }
            return source
        }
        self.failOn = failOn
    }

    deinit { g_object_unref(pointer) }

    /// The loader libvips picks for these bytes, from its sniffing of the first bytes alone:
    /// no loader has run. Throws when no loader recognises them ("not in a known format").
    public func loader() throws(VipsError) -> VipsLoader {
        try Vips.isolatingErrors { () throws(VipsError) in try sniff(operation: "recognise the image format") }
    }

    /// The image's header only: size, bands, interpretation, orientation and metadata, without
    /// decoding a pixel. Bytes of a format outside ``VipsLoader/allowedFamilies`` are refused
    /// before their loader runs; of a file with several frames or pages, only the first is read.
    public func header() throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in
            let loader = try acceptedLoader(operation: "read the image header")
            guard
                let image = tabi_vips_image_new_from_source(
                    pointer, Int32(failOn.rawValue),
                    loader.singleFrameOptions)
            else {
                throw VipsError.take(operation: "read the image header")
            }
            return try Self.checked(VipsImage(owning: image), operation: "read the image header")
        }
    }

    /// Decodes with shrink-on-load straight to the requested size: a JPEG is decoded at 1/2,
    /// 1/4 or 1/8 scale when that is still large enough, so a 24-megapixel photo never
    /// exists in memory at full size, and pixels stream through in strips. Refuses what
    /// ``header()`` refuses, and reads the first frame only.
    public func thumbnail(_ options: ThumbnailOptions) throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeThumbnail(options) }
    }

    private func makeThumbnail(_ options: ThumbnailOptions) throws(VipsError) -> VipsImage {
        let loader = try acceptedLoader(operation: "decode the image")
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        let status = options.withProfiles { importProfile, exportProfile in
            tabi_vips_thumbnail_source(
                pointer, &out, Int32(clamping: options.width),
                Int32(clamping: options.height), options.size.cValue,
                options.crop?.cValue ?? -1, options.autorotate ? 0 : 1,
                importProfile, exportProfile, Int32(failOn.rawValue),
                loader.singleFrameOptions)
        }
        guard status == 0, let out else { throw VipsError.take(operation: "decode the image") }
        return try Self.checked(VipsImage(owning: out), operation: "decode the image")
    }

    // MARK: - The allow-list

    /// The sniffed loader, or a refusal naming its format when it is not allowed. libvips would
    /// refuse to run it anyway (it is blocked); refusing here names the format in words.
    private func acceptedLoader(operation: String) throws(VipsError) -> VipsLoader {
        let loader = try sniff(operation: operation)
        guard loader.isAllowed else { throw VipsError.refused(loader, operation: operation) }
        return loader
    }

    private func sniff(operation: String) throws(VipsError) -> VipsLoader {
        guard let nickname = tabi_vips_find_loader(pointer) else { throw VipsError.take(operation: operation) }
        return VipsLoader(nickname: String(cString: nickname))
    }

    /// The second guard: what was loaded says which loader read it (`vips-loader`), and that
    /// loader must be allowed too.
    private static func checked(_ image: VipsImage, operation: String) throws(VipsError) -> VipsImage {
        guard let name = image.loader else {
            throw VipsError(operation: operation, message: "libvips did not say which loader read the image")
        }
        let loader = VipsLoader(nickname: name)
        guard loader.isAllowed else { throw VipsError.refused(loader, operation: operation) }
        return image
    }
}

// MARK: - Fail-on

extension VipsInput {
    /// libvips's `VipsFailOn`: the least damage that makes a load fail.
    public enum FailOn: Int, Sendable {
        /// Decode whatever is there.
        case none = 0
        /// Fail when the data ends early (a truncated upload or download).
        case truncated = 1
        /// Fail on corrupt data as well.
        case error = 2
        /// Fail on any warning.
        case warning = 3
    }
}
