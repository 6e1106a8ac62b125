/// How `publish` uploads; `publish:` in `tabi.yml`. Every key is optional.
///
/// ```yaml
/// publish:
///   maxDeletes: 256
///   gzip: true
///   state: s3://my-blog-state/site/
///   headers:
///     - pattern: "trips/**/*.html"
///       cacheControl: "public, max-age=60, must-revalidate"
///     - pattern: "**/*.pdf"
///       contentType: "application/pdf"
///       gzip: false
/// ```
public struct PublishSettings: Codable, Sendable, Equatable {
    /// The largest number of deletes a plan may carry before publish refuses it.
    public var maxDeletes: Int
    /// Whether text files (HTML, CSS, JS, XML, SVG, JSON, plain text) are stored gzip-compressed
    /// with `Content-Encoding: gzip`, when that makes them smaller.
    public var gzip: Bool
    /// Header rules by path pattern, before the built-in ones; the first that matches a file sets
    /// what it names, the built-in rules fill in the rest.
    public var headers: [PublishHeaderRule]
    /// `s3://bucket[/prefix]` outside what the distribution serves, where publish keeps what may
    /// name unlisted pages (the exact paths of an owed invalidation, the build's manifest).
    public var state: String?

    public static let defaults = PublishSettings(maxDeletes: 256)

    public init(maxDeletes: Int, gzip: Bool = true, headers: [PublishHeaderRule] = [], state: String? = nil) {
        self.maxDeletes = maxDeletes
        self.gzip = gzip
        self.headers = headers
        self.state = state
    }

    enum CodingKeys: String, CodingKey {
        case maxDeletes, gzip, headers, state
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PublishSettings.defaults
        self.init(
            maxDeletes: try c.decodeIfPresent(Int.self, forKey: .maxDeletes) ?? d.maxDeletes,
            gzip: try c.decodeIfPresent(Bool.self, forKey: .gzip) ?? d.gzip,
            headers: try c.decodeIfPresent([PublishHeaderRule].self, forKey: .headers) ?? d.headers,
            state: try c.decodeIfPresent(String.self, forKey: .state))
    }
}

/// The headers of the files whose site path matches `pattern`, a glob relative to the site root:
/// `*` and `?` stay within a folder, `**` spans folders, `[a-f0-9]` is a class and `{html,xml}`
/// alternatives (`**/*.html` is every page, `*.html` the root's only).
public struct PublishHeaderRule: Codable, Sendable, Equatable {
    public var pattern: String
    /// `Content-Type`; by default from the file extension.
    public var contentType: String?
    /// `Cache-Control`; by default from the built-in rules.
    public var cacheControl: String?
    /// Store gzip-compressed; by default `publish.gzip` for text types.
    public var gzip: Bool?

    public init(pattern: String, contentType: String? = nil, cacheControl: String? = nil, gzip: Bool? = nil) {
        self.pattern = pattern
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.gzip = gzip
    }
}
