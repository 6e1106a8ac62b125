internal import CVips
internal import CVipsShim
import Foundation

// MARK: - Transforms: each returns a new (lazy) image; the receiver is unchanged.

extension VipsImage {
    /// Resizes an already decoded image the way ``VipsInput/thumbnail(_:)`` decodes one.
    public func thumbnail(_ options: ThumbnailOptions) throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeThumbnail(options) }
    }

    private func makeThumbnail(_ options: ThumbnailOptions) throws(VipsError) -> VipsImage {
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        let status = options.withProfiles { importProfile, exportProfile in
            tabi_vips_thumbnail_image(
                pointer, &out, Int32(clamping: options.width),
                Int32(clamping: options.height), options.size.cValue,
                options.crop?.cValue ?? -1, options.autorotate ? 0 : 1,
                importProfile, exportProfile)
        }
        guard status == 0, let out else { throw VipsError.take(operation: "resize the image") }
        return VipsImage(owning: out)
    }

    /// Composites the alpha channel onto a solid background (0–255 per channel), dropping alpha.
    /// Returns the receiver's equal (a new reference) when there is no alpha.
    public func flatten(red: Double = 255, green: Double = 255, blue: Double = 255) throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeFlattened(red: red, green: green, blue: blue) }
    }

    private func makeFlattened(red: Double, green: Double, blue: Double) throws(VipsError) -> VipsImage {
        guard hasAlpha else { return VipsImage(retaining: pointer) }
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        guard tabi_vips_flatten(pointer, &out, red, green, blue) == 0, let out else {
            throw VipsError.take(operation: "flatten the alpha channel")
        }
        return VipsImage(owning: out)
    }

    /// Converts to 8-bit sRGB (from B_W, RGB16, CMYK, Lab, …); alpha is kept.
    public func sRGB() throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeSRGB() }
    }

    private func makeSRGB() throws(VipsError) -> VipsImage {
        if interpretation == .srgb && vips_image_get_format(pointer) == VIPS_FORMAT_UCHAR {
            return VipsImage(retaining: pointer)
        }
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        guard tabi_vips_colourspace(pointer, &out, Int32(VIPS_INTERPRETATION_sRGB.rawValue)) == 0,
            let out
        else {
            throw VipsError.take(operation: "convert to sRGB")
        }
        return VipsImage(owning: out)
    }

    /// The same pixels without any metadata: EXIF (GPS included), XMP, IPTC, the ICC profile and
    /// loader notes are gone, so no saver can write them, whatever its `strip` does.
    public func removingMetadata() throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeWithoutMetadata() }
    }

    private func makeWithoutMetadata() throws(VipsError) -> VipsImage {
        var out: UnsafeMutablePointer<CVips.VipsImage>?
        guard tabi_vips_copy_without_metadata(pointer, &out) == 0, let out else {
            throw VipsError.take(operation: "remove the metadata")
        }
        return VipsImage(owning: out)
    }

    /// Computes every pixel now into memory, so the image can feed several outputs; a
    /// sequentially loaded image can otherwise be read only once.
    public func copyToMemory() throws(VipsError) -> VipsImage {
        try Vips.isolatingErrors { () throws(VipsError) in try makeMemoryCopy() }
    }

    private func makeMemoryCopy() throws(VipsError) -> VipsImage {
        guard let out = vips_image_copy_memory(pointer) else {
            throw VipsError.take(operation: "decode the image into memory")
        }
        return VipsImage(owning: out)
    }

    /// A second owner of the same libvips image.
    convenience init(retaining pointer: UnsafeMutablePointer<CVips.VipsImage>) {
        g_object_ref(pointer)
        self.init(owning: pointer)
    }
}
