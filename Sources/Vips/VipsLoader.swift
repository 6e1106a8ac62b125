/// A libvips loader, named by the operation that recognised some bytes ("svgload_source"), and
/// whether tabi-press lets it read them.
///
/// Photos come from other people (an app's users, a bucket they upload to), and libvips sniffs
/// formats from bytes: left to itself it would render an SVG or a PDF at any size it declares,
/// read a 12-byte text file as a matrix image, or hand a file to ImageMagick. Only the formats a
/// camera or phone writes are read: JPEG, PNG, WebP, HEIF/AVIF and GIF (first frame). TIFF is
/// refused too: no phone writes it, and libtiff brings a dozen codecs and multi-page files with it.
///
/// The list is enforced three times: libvips itself blocks every other loader from running
/// (``Vips/start()``), ``VipsInput`` refuses bytes whose sniffed loader is not on it before any
/// loader runs, and it checks the `vips-loader` of what was loaded once more.
public struct VipsLoader: Sendable, Hashable, CustomStringConvertible {
    /// libvips's nickname for the operation: "jpegload_source", "svgload_buffer", "pngload".
    public let nickname: String

    public init(nickname: String) {
        self.nickname = nickname
    }

    /// The loader without its `_source`, `_buffer` or `_base` ending: "svgload".
    public var family: String {
        for ending in ["_source", "_buffer", "_base"] where nickname.hasSuffix(ending) {
            return String(nickname.dropLast(ending.count))
        }
        return nickname
    }

    /// What people call the format: "SVG", "a libvips matrix (text)"; the family when unknown.
    public var formatName: String { Self.formatNames[family] ?? family }

    /// Whether tabi-press reads this format.
    public var isAllowed: Bool { Self.allowedFamilies.contains(family) }

    /// Whether the decoder can shrink by 2, 4 or 8 while it decodes (JPEG's DCT scaling,
    /// libwebp's scaled decode), so a smaller image never exists at full size.
    public var shrinksOnLoad: Bool { family == "jpegload" || family == "webpload" }

    /// Whether the format can hold several frames or pages (GIF, WebP, HEIF): only the first is
    /// ever read (`n=1`), whatever the file declares.
    var readsPages: Bool { Self.pagedFamilies.contains(family) }

    /// The loader option string that reads one frame only ("" when the loader has no frames).
    var singleFrameOptions: String { readsPages ? "n=1" : "" }

    /// "SVG (svgload_source)".
    public var description: String { "\(formatName) (\(nickname))" }

    // MARK: - The list

    /// The loader families that may run, as libvips names their abstract base classes.
    public static let allowedFamilies: [String] = ["jpegload", "pngload", "webpload", "heifload", "gifload"]

    /// The allowed formats in words, for messages: "JPEG, PNG, WebP, HEIF/AVIF and GIF".
    public static var allowedFormats: String {
        let names = allowedFamilies.map { formatNames[$0] ?? $0 }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }

    private static let pagedFamilies: Set<String> = ["gifload", "webpload", "heifload"]

    private static let formatNames: [String: String] = [
        "jpegload": "JPEG", "pngload": "PNG", "webpload": "WebP", "heifload": "HEIF/AVIF", "gifload": "GIF",
        "svgload": "SVG", "pdfload": "PDF", "magickload": "a format only ImageMagick reads",
        "matrixload": "a libvips matrix (text)", "csvload": "CSV (text)", "fitsload": "FITS",
        "vipsload": "libvips's own .v format", "ppmload": "PPM/PGM/PBM/PFM", "radload": "Radiance HDR",
        "analyzeload": "Analyze 6", "rawload": "raw pixels", "tiffload": "TIFF",
        "openslideload": "a slide scanner format (OpenSlide)", "jp2kload": "JPEG 2000", "jxlload": "JPEG XL",
        "openexrload": "OpenEXR", "matload": "MATLAB", "niftiload": "NIfTI",
    ]
}
