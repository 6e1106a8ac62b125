import ContentStore
import TabiCore

/// Where things are on the site. Pages link to each other and to assets with relative URLs
/// (`../../assets/…`), so the output works from any folder and under any base path; canonical
/// links, Open Graph, the feed and the sitemap use absolute ones from `baseURL`.
struct SiteURLs: Sendable {
    /// The public address with a trailing slash (`https://example.com/blog/`).
    let baseURL: String

    init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    // MARK: - Site paths (relative to the site root, no leading slash)

    static let home = ""
    static let feed = OutputLayout.feed
    static let sitemap = OutputLayout.sitemap
    static let notFound = OutputLayout.notFoundPage

    /// The folder URL of a trip page; its file is `trips/<slug>/index.html`.
    static func trip(_ slug: String) -> String { "trips/\(slug)/" }
    static func tripFile(_ slug: String) -> String { "trips/\(slug)/index.html" }
    /// The page of every tag, and the folder URL of one tag's first page.
    static let tags = OutputLayout.tagsFolder
    static func tag(_ slug: String) -> String { "tags/\(slug)/" }

    // MARK: - Turning site paths into URLs

    /// `baseURL` + the site path, for canonical links, Open Graph, the feed and the sitemap.
    func absolute(_ sitePath: String) -> String {
        baseURL + Self.encodedPath(sitePath)
    }

    /// From a page whose root prefix is `root` (`""`, `"../../"`, or the base path for 404.html).
    static func relative(_ sitePath: String, root: String) -> String {
        let url = root + encodedPath(sitePath)
        return url.isEmpty ? "./" : url
    }

    /// The root prefix of a page at `sitePath` (one `../` per folder above it).
    static func root(ofPage sitePath: String) -> String {
        String(repeating: "../", count: sitePath.split(separator: "/", omittingEmptySubsequences: false).count - 1)
    }

    /// The path part of `baseURL` (`/blog/`), for pages served at any depth such as `404.html`.
    var basePath: String {
        guard let scheme = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[scheme.upperBound...].firstIndex(of: "/") ?? baseURL.endIndex
        let path = String(baseURL[afterHost...])
        return path.isEmpty ? "/" : path
    }

    /// Percent-encodes all but `[A-Za-z0-9-._~/]`, so a path is one token in `srcset` and in XML.
    static func encodedPath(_ path: String) -> String {
        func isUnreserved(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                true
            default: false
            }
        }
        // A slug's path, the usual case, has nothing to encode.
        if path.utf8.allSatisfy(isUnreserved) { return path }
        var out = ""
        for byte in path.utf8 {
            if isUnreserved(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + ContentHash.hex([byte]).uppercased()
            }
        }
        return out
    }
}
