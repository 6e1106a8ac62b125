/// The headers a published file must have, written out here by hand (not asked of the rules
/// under test): type by extension, cache policy by folder, gzip for text.
struct ExpectedHeaders {
    var contentType: String
    var cacheControl: String
    var compressible: Bool

    init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").last.map(String.init) ?? ""
        switch ext {
        case "html": (contentType, compressible) = ("text/html; charset=utf-8", true)
        case "css": (contentType, compressible) = ("text/css; charset=utf-8", true)
        case "svg": (contentType, compressible) = ("image/svg+xml", true)
        case "json": (contentType, compressible) = ("application/json", true)
        case "txt": (contentType, compressible) = ("text/plain; charset=utf-8", true)
        case "xml": (contentType, compressible) = (name == "feed.xml" ? "application/atom+xml; charset=utf-8" : "application/xml", true)
        case "jpg": (contentType, compressible) = ("image/jpeg", false)
        case "webp": (contentType, compressible) = ("image/webp", false)
        case "png": (contentType, compressible) = ("image/png", false)
        default: (contentType, compressible) = ("application/octet-stream", false)
        }
        if path.hasPrefix("_tabi/") {
            cacheControl = "no-cache, private"
        } else if path.hasPrefix("media/") || path.hasPrefix("assets/") {
            cacheControl = "public, max-age=31536000, immutable"
        } else if ["html", "xml", "txt"].contains(ext) {
            cacheControl = "public, max-age=300, must-revalidate"
        } else {
            cacheControl = "public, max-age=3600"
        }
    }
}
