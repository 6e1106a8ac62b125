import AWS
@testable import Publish
import TabiCore

/// Local and remote objects for plan tests, without files or a server.
enum PlanFixtures {
    static let rules = try! HeaderRules(settings: .defaults)
    static let keys = try! PublishKeys(prefix: "")

    /// A prepared object for `path` with bytes named by `content` (its MD5 stands for them).
    static func local(_ path: String, _ content: String = "v1", keys: PublishKeys = keys, rules: HeaderRules = rules) -> LocalObject {
        let choice = rules.choice(for: path)
        let md5 = ContentDigest.md5("\(path):\(content)")
        return LocalObject(path: path, key: keys.key(path), file: "/nonexistent/\(path)", choice: choice,
                           headers: choice.headers(contentEncoding: nil), body: .file, size: 100, md5: md5, etag: md5, parts: [])
    }

    /// The listing entry of `object` as S3 would have it after uploading it.
    static func remote(_ object: LocalObject) -> S3Object {
        S3Object(key: object.key, etag: "\"\(object.etag)\"", size: object.size, lastModified: "2024-11-02T09:30:00.000Z")
    }

    /// A remote state holding `objects` and the header state of `rules` when `stateCurrent`.
    static func state(_ objects: [S3Object], stateCurrent: Bool = true, extra: [S3Object] = [],
                      keys: PublishKeys = keys, rules: HeaderRules = rules, distribution: String? = nil) -> RemoteState {
        var listing = objects + extra
        if stateCurrent { listing.append(S3Object(key: keys.headerState(fingerprint: rules.fingerprint), etag: "0", size: 10)) }
        return RemoteState(listing: listing, keys: keys, distributionId: distribution)
    }

    static let site = ["index.html", "feed.xml", "sitemap.xml", "404.html", "robots.txt", "trips/kyoto/index.html",
                       "trips/nara/index.html", "assets/style.3f2a9c1b.css", "media/5a/5a5df070c68d290a-w960-1ac93c.webp",
                       "_tabi/derivatives.json"]
}
