import ContentStore
import Crypto
import Foundation
import TabiCore

/// The headers every file gets, by path: the site's rules (`publish.headers` in `tabi.yml`)
/// first, then the built-in ones. The first of the site's rules that matches a file sets what
/// it names; what it leaves out comes from the first matching built-in rule, the content type
/// from the extension.
///
/// Headers are a pure function of the path and these rules (gzip also needs the bytes to
/// shrink), so the rules' ``fingerprint`` tells whether any stored object's headers may differ.
public struct HeaderRules: Sendable {
    /// A rule with its compiled pattern and where it came from (`publish.headers[2]`, `built-in`).
    struct Compiled: Sendable {
        var rule: PublishHeaderRule
        var glob: GlobPattern
        var source: String
    }

    /// Long-lived and never revalidated: content-hashed theme assets and image derivatives,
    /// whose names change when their bytes do.
    public static let immutable = "public, max-age=31536000, immutable"
    /// Pages, the feed, the sitemap and robots.txt: short, then asked again.
    public static let short = "public, max-age=300, must-revalidate"
    /// Anything else.
    public static let standard = "public, max-age=3600"
    /// `_tabi/`: the pipeline's own state, kept out of shared caches.
    public static let privateState = "no-cache, private"

    /// The built-in rules, in order. Changing them changes ``fingerprint`` via ``builtInVersion``.
    public static let builtIn: [PublishHeaderRule] = [
        PublishHeaderRule(pattern: OutputLayout.reservedFolder + "**", cacheControl: privateState),
        PublishHeaderRule(
            pattern: "assets/**/*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f].*",
            cacheControl: immutable),
        PublishHeaderRule(pattern: "media/**", cacheControl: immutable),
        PublishHeaderRule(pattern: "**/*.{html,htm,xml,txt,json,atom,rss}", cacheControl: short),
        PublishHeaderRule(pattern: "**", cacheControl: standard),
    ]
    /// Bumped whenever the built-in rules or the content-type table change.
    static let builtInVersion = 1

    let configured: [Compiled]
    let builtInRules: [Compiled]
    /// `publish.gzip`: compress text types unless a rule says otherwise.
    public let gzipByDefault: Bool
    /// 16 hex digits naming these rules: equal fingerprints give equal headers for every path.
    public let fingerprint: String

    public init(settings: PublishSettings) throws(PublishError) {
        var configured: [Compiled] = []
        for (index, rule) in settings.headers.enumerated() {
            do {
                configured.append(Compiled(rule: rule, glob: try GlobPattern(rule.pattern), source: "publish.headers[\(index)]"))
            } catch {
                throw .setup("tabi.yml: publish.headers[\(index)].pattern: \(error)")
            }
        }
        self.configured = configured
        builtInRules = Self.builtIn.map { Compiled(rule: $0, glob: try! GlobPattern($0.pattern), source: "built-in") }
        gzipByDefault = settings.gzip
        var description = "tabi-publish-headers v\(Self.builtInVersion) gzip=\(settings.gzip)\n"
        for rule in settings.headers {
            description +=
                [rule.pattern, rule.contentType ?? "-", rule.cacheControl ?? "-", rule.gzip.map { "\($0)" } ?? "-"]
                .joined(separator: "\t") + "\n"
        }
        fingerprint = String(ContentHash.sha256(description).prefix(16))
    }

    /// The hash of the headers these rules give `object`'s stored bytes. Its content encoding is
    /// the one those bytes carry whatever the rules (publish stores gzip bytes only as gzip), so
    /// for an object whose bytes are already in the bucket this is what it was stored with.
    public func headerHash(of object: LocalObject) -> String {
        choice(for: object.path).headers(contentEncoding: object.headers.contentEncoding).hash
    }

    /// What `path` (site-relative) gets before compression is tried.
    public func choice(for path: String) -> HeaderChoice {
        let site = configured.first { $0.glob.matches(path) }?.rule
        let builtIn = builtInRules.first { $0.glob.matches(path) }?.rule
        let contentType = site?.contentType ?? builtIn?.contentType ?? ContentTypes.type(of: path)
        let cacheControl = site?.cacheControl ?? builtIn?.cacheControl ?? Self.standard
        let gzip = site?.gzip ?? builtIn?.gzip ?? (gzipByDefault && ContentTypes.isCompressible(contentType))
        return HeaderChoice(contentType: contentType, cacheControl: cacheControl, gzip: gzip)
    }
}

/// The headers a rule set chose for one path, and whether to try gzip.
public struct HeaderChoice: Sendable, Hashable {
    public var contentType: String
    public var cacheControl: String
    /// Store gzip-compressed when that is smaller.
    public var gzip: Bool

    public init(contentType: String, cacheControl: String, gzip: Bool) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.gzip = gzip
    }

    /// Whether a cache could hold a stale copy of a changed object: not for `immutable` ones
    /// (their names change with their bytes) nor for what shared caches do not keep.
    public var needsInvalidation: Bool {
        isSharedCacheable && !directives.contains("immutable")
    }

    /// Whether a shared cache may keep it (not `private`, `no-store`, `no-cache`): a deleted
    /// object that may be cached is invalidated, immutable or not, or it is served for its
    /// whole `max-age` (a year, for a withdrawn trip's photos).
    public var isSharedCacheable: Bool {
        !directives.contains { ["private", "no-store", "no-cache"].contains($0) }
    }

    private var directives: [String] {
        cacheControl.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// The stored headers when the bytes are sent with `contentEncoding` (or as they are).
    public func headers(contentEncoding: String?) -> ObjectHeaders {
        ObjectHeaders(contentType: contentType, cacheControl: cacheControl, contentEncoding: contentEncoding)
    }
}
