internal import CVips
internal import CVipsShim
import Foundation

/// An image libvips holds: a header, and pixels computed when something (a save, a copy to
/// memory) asks for them. The wrapper owns one reference and drops it on `deinit`.
///
/// Not `Sendable`: an image is made, transformed and saved by one job on one thread. (libvips
/// would allow sharing a finished image, but nothing here needs it, so the compiler keeps it so.)
public final class VipsImage {
    let pointer: UnsafeMutablePointer<CVips.VipsImage>

    /// Takes over one reference to `pointer`.
    init(owning pointer: UnsafeMutablePointer<CVips.VipsImage>) {
        self.pointer = pointer
    }

    deinit { g_object_unref(pointer) }

    // MARK: - Header

    public var width: Int { Int(vips_image_get_width(pointer)) }
    public var height: Int { Int(vips_image_get_height(pointer)) }
    /// Channels per pixel, alpha included.
    public var bands: Int { Int(vips_image_get_bands(pointer)) }
    /// How the pixel values are to be read (sRGB, CMYK, B_W, …).
    public var interpretation: Interpretation {
        let nick = vips_enum_nick(
            vips_interpretation_get_type(),
            Int32(vips_image_get_interpretation(pointer).rawValue))
        return Interpretation(rawValue: nick.map { String(cString: $0) } ?? "unknown")
    }
    public var hasAlpha: Bool { vips_image_hasalpha(pointer) != 0 }
    /// The EXIF orientation (1–8; 1 when absent). 5–8 mean width and height swap on display.
    public var orientation: Int { Int(vips_image_get_orientation(pointer)) }
    /// Width and height as displayed, after the EXIF orientation is applied.
    public var orientedSize: (width: Int, height: Int) {
        vips_image_get_orientation_swap(pointer) != 0 ? (height, width) : (width, height)
    }
    /// The libvips loader that read the image, e.g. "jpegload_source" or "webpload_buffer".
    public var loader: String? { string("vips-loader") }

    /// Every metadata field name the image carries, e.g. "exif-data", "icc-profile-data",
    /// "exif-ifd2-GPSLatitude", in libvips's order.
    public var fields: [String] {
        guard let names = vips_image_get_fields(pointer) else { return [] }
        defer { g_strfreev(names) }
        var result: [String] = []
        var index = 0
        while let name = names[index] {
            result.append(String(cString: name))
            index += 1
        }
        return result
    }

    /// A string-valued field (or any field libvips can print as text), nil when absent.
    public func string(_ field: String) -> String? {
        guard vips_image_get_typeof(pointer, field) != 0 else { return nil }
        var text: UnsafeMutablePointer<CChar>?
        guard vips_image_get_as_string(pointer, field, &text) == 0, let text else { return nil }
        defer { g_free(text) }
        return String(cString: text)
    }

    /// The band values of the pixel at (x, y), alpha included (0–255 for 8-bit images). Computes
    /// pixels, so call it on a decoded image (``copyToMemory()``) or a freshly loaded one.
    public func pixel(x: Int, y: Int) throws(VipsError) -> [Double] {
        try Vips.isolatingErrors { () throws(VipsError) in try readPixel(x: x, y: y) }
    }

    private func readPixel(x: Int, y: Int) throws(VipsError) -> [Double] {
        var values: UnsafeMutablePointer<Double>?
        var count: Int32 = 0
        guard tabi_vips_getpoint(pointer, &values, &count, Int32(clamping: x), Int32(clamping: y)) == 0,
            let values
        else {
            throw VipsError.take(operation: "read the pixel at \(x),\(y)")
        }
        defer { g_free(values) }
        return Array(UnsafeBufferPointer(start: values, count: Int(count)))
    }

    /// The byte size of a blob field such as "exif-data" or "icc-profile-data"; nil when absent.
    public func blobSize(_ field: String) -> Int? {
        var data: UnsafeRawPointer?
        var length = 0
        guard vips_image_get_typeof(pointer, field) != 0,
            vips_image_get_blob(pointer, field, &data, &length) == 0
        else { return nil }
        return length
    }
}

// MARK: - Interpretation

extension VipsImage {
    /// libvips's name for an interpretation (its enum nick), e.g. "srgb", "cmyk", "b-w".
    public struct Interpretation: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let srgb = Interpretation(rawValue: "srgb")
        public static let cmyk = Interpretation(rawValue: "cmyk")
        public static let rgb16 = Interpretation(rawValue: "rgb16")
        public static let grey16 = Interpretation(rawValue: "grey16")

        public var description: String { rawValue }
    }
}
