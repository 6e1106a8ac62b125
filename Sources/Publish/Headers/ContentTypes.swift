/// `Content-Type` by file extension, and which types are worth compressing.
public enum ContentTypes {
    /// For extensions not in the table.
    public static let fallback = "application/octet-stream"

    /// The type of a site path, from its extension (case-insensitive); a few well-known names first.
    public static func type(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == "feed.xml" || name.hasSuffix(".atom") { return "application/atom+xml; charset=utf-8" }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }

    /// Whether gzip usually makes files of this type smaller: text, and a few text-based
    /// formats. Images, fonts and archives are compressed already.
    public static func isCompressible(_ contentType: String) -> Bool {
        let base = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return base.hasPrefix("text/") || compressible.contains(base)
    }

    static let compressible: Set<String> = [
        "application/atom+xml", "application/rss+xml", "application/xml", "application/json",
        "application/manifest+json", "application/ld+json", "image/svg+xml", "application/javascript",
        "application/xhtml+xml", "font/ttf", "font/otf", "image/x-icon", "image/vnd.microsoft.icon",
    ]

    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8", "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
        "json": "application/json", "map": "application/json", "webmanifest": "application/manifest+json",
        "xml": "application/xml", "rss": "application/rss+xml", "atom": "application/atom+xml; charset=utf-8",
        "txt": "text/plain; charset=utf-8", "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
        "svg": "image/svg+xml", "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif",
        "webp": "image/webp", "avif": "image/avif", "ico": "image/vnd.microsoft.icon", "heic": "image/heic",
        "woff": "font/woff", "woff2": "font/woff2", "ttf": "font/ttf", "otf": "font/otf",
        "pdf": "application/pdf", "zip": "application/zip", "gpx": "application/gpx+xml",
        "mp4": "video/mp4", "webm": "video/webm", "mp3": "audio/mpeg", "wasm": "application/wasm",
    ]
}
