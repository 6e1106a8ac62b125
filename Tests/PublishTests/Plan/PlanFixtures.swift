import AWS
import Foundation
import TabiCore

@testable import Publish

/// Local and remote objects for plan tests, without files or a server.
enum PlanFixtures {
    static let rules = try! HeaderRules(settings: .defaults)
    static let keys = try! PublishKeys(prefix: "")

    /// A prepared object for `path` with bytes named by `content` (its MD5 stands for them).
    static func local(_ path: String, _ content: String = "v1", keys: PublishKeys = keys, rules: HeaderRules = rules) -> LocalObject {
        let choice = rules.choice(for: path)
        let md5 = ContentDigest.md5("\(path):\(content)")
        return LocalObject(
            path: path, key: keys.key(path), source: LocalFile(path: path, root: URL(fileURLWithPath: "/nonexistent")),
            choice: choice, headers: choice.headers(contentEncoding: nil), body: .file, size: 100, md5: md5, etag: md5,
            parts: [])
    }

    /// The listing entry of `object` as S3 would have it after uploading it.
    static func remote(_ object: LocalObject) -> S3Object {
        S3Object(key: object.key, etag: "\"\(object.etag)\"", size: object.size, lastModified: "2024-11-02T09:30:00.000Z")
    }

    /// The listing entry of the rules record of `rules`.
    static func rulesRecord(_ rules: HeaderRules = rules, keys: PublishKeys = keys, modified: String = "2024-11-02T09:30:00.000Z")
        -> S3Object
    {
        S3Object(
            key: keys.key(HeaderRulesRecord.path(fingerprint: rules.fingerprint)), etag: HeaderRulesRecord(rules: rules).md5,
            size: 10, lastModified: modified)
    }

    /// A remote state holding `objects` and the rules record of `rules` when `rulesCurrent`.
    static func state(
        _ objects: [S3Object], rulesCurrent: Bool = true, extra: [S3Object] = [],
        keys: PublishKeys = keys, rules: HeaderRules = rules, records: [String: S3Object] = [:]
    ) -> RemoteState {
        var listing = objects + extra
        if rulesCurrent { listing.append(rulesRecord(rules, keys: keys)) }
        return RemoteState(listing: listing, keys: keys, records: records)
    }

    static let site = [
        "index.html", "feed.xml", "sitemap.xml", "404.html", "robots.txt", "trips/kyoto/index.html",
        "trips/nara/index.html", "assets/style.3f2a9c1b.css", "media/5a/5a5df070c68d290a-w960-1ac93c.webp",
    ]
}
