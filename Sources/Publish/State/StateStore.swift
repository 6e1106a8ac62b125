import AWS
import Foundation
import TabiCore

/// Where publish keeps the records that may name what the site does not link: the exact paths
/// of an invalidation it owes, the build's files (`Output/_tabi/`, the derivative manifest with
/// every original's hash). Later stages (a nightly run on stateless workers) keep theirs here too.
///
/// - **Private** (`--state s3://bucket[/prefix]`): outside everything the distribution serves
///   (checked by ``check(_:site:keys:cdnPaths:)``), so a record may say anything.
/// - **Served** (no `--state`): `<prefix>_tabi/publish/` of the site, which any reader can fetch
///   through the distribution. Only what is safe for anyone to read goes there (an invalidation
///   owed with no paths, "everything"); build files are not kept at all.
public struct StateStore: Sendable {
    /// The client of the bucket the records are in.
    public let s3: S3Client
    /// `""` or a key prefix ending with `/`.
    public let prefix: String
    /// Whether the records are out of the readers' reach.
    public let isPrivate: Bool

    public init(s3: S3Client, prefix: String, isPrivate: Bool) {
        self.s3 = s3
        self.prefix = prefix
        self.isPrivate = isPrivate
    }

    /// The served store of a site: `<prefix>_tabi/publish/` in its bucket.
    public static func served(_ s3: S3Client, keys: PublishKeys) -> StateStore {
        StateStore(s3: s3, prefix: keys.key(PublishKeys.reservedStateFolder), isPrivate: false)
    }

    /// A private store at `location`, reached with the site's client (its credentials and
    /// endpoint) on the location's bucket.
    public static func at(_ location: S3Location, site s3: S3Client) -> StateStore {
        StateStore(s3: S3Client(client: s3.client, bucket: location.bucket), prefix: location.prefix, isPrivate: true)
    }

    /// Refuses a private location a reader could reach: one in the part of the site's bucket
    /// the distribution serves (the bucket from its origin path on: all of it without
    /// `--origin-path`), or one holding the site's prefix.
    public static func check(
        _ location: S3Location, site bucket: String, keys: PublishKeys,
        cdnPaths: CloudFrontPaths
    ) throws(PublishError) {
        guard location.bucket == bucket else { return }
        let served = S3Location(bucket: bucket, prefix: cdnPaths.originPrefix)
        if served.contains(bucket: bucket, key: location.prefix) || keys.prefix.hasPrefix(location.prefix) {
            throw .setup(
                "--state \(location) is inside what the distribution serves (\(served)), so any reader could fetch "
                    + "what it keeps; use another bucket, or a prefix outside the origin path (--origin-path)")
        }
    }

    // MARK: - Names and keys

    /// The key of a record.
    public func key(_ name: String) -> String { prefix + name }

    /// The name of a key under the store, or `nil`.
    public func name(of key: String) -> String? {
        key.hasPrefix(prefix) ? String(key.dropFirst(prefix.count)) : nil
    }

    /// `s3://bucket/prefix`, or with a record's name.
    public func url(_ name: String = "") -> String { s3.url(of: key(name)) }

    /// The name of the invalidation owed to `distributionId`.
    public static func pendingInvalidation(_ distributionId: String) -> String { "invalidation-\(distributionId).json" }

    /// The name a build file (`_tabi/derivatives.json`) is kept under: `build/derivatives.json`.
    public static func buildFile(_ path: String) -> String {
        "build/" + path.dropFirst(PublishKeys.reservedFolder.count)
    }

    /// Whether `name` is a kept build file.
    public static func isBuildFile(_ name: String) -> Bool { name.hasPrefix("build/") }

    // MARK: - Records

    /// The records, by name: for the served store, read from the site's listing (no request).
    public func records(siteListing: [S3Object]) async throws(AWSError) -> [String: S3Object] {
        let listing = isPrivate ? try await s3.listObjects(prefix: prefix) : siteListing
        var records: [String: S3Object] = [:]
        for object in listing {
            if let name = name(of: object.key), !name.isEmpty, !name.hasSuffix("/") { records[name] = object }
        }
        return records
    }

    public func read(_ name: String) async throws(AWSError) -> Data {
        try await s3.getObject(key: key(name))
    }

    /// Writes a record, kept out of shared caches.
    public func write(_ name: String, _ data: Data) async throws(AWSError) {
        try await Self.putPrivate(data, key: key(name), s3: s3)
    }

    /// Deletes records; returns the keys that failed (a missing one is not a failure).
    public func delete(_ names: [String]) async throws(AWSError) -> [S3Client.DeleteFailure] {
        var failures: [S3Client.DeleteFailure] = []
        for start in stride(from: 0, to: names.count, by: S3Client.maxKeysPerDelete) {
            failures += try await s3.deleteObjects(names[start..<min(start + S3Client.maxKeysPerDelete, names.count)].map(key))
        }
        return failures
    }

    /// Puts one of publish's own files with `Content-MD5`, as JSON, never cached.
    static func putPrivate(_ data: Data, key: String, s3: S3Client) async throws(AWSError) {
        let md5 = ContentHash.md5(data)
        let attributes = S3ObjectAttributes(contentType: "application/json", cacheControl: HeaderRules.privateState)
        _ = try await s3.putObject(key: key, body: .data(data), md5: md5, attributes: attributes)
    }
}
