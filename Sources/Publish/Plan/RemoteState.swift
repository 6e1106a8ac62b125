import AWS

/// The bucket under the prefix, sorted out from one listing (and the state store's records):
/// the site's objects, publish's files beside them, and what earlier versions left there.
public struct RemoteState: Sendable {
    /// Objects of the site (nothing under `_tabi/`), by key.
    public var objects: [String: S3Object]
    /// Objects under the site's `_tabi/`, by site path (`_tabi/publish/rules-….json`).
    public var reserved: [String: S3Object]
    /// The state store's records, by name (for the served store, its part of ``reserved``).
    public var records: [String: S3Object]

    public init(objects: [String: S3Object], reserved: [String: S3Object] = [:], records: [String: S3Object] = [:]) {
        self.objects = objects
        self.reserved = reserved
        self.records = records
    }

    /// Sorts a listing of the prefix.
    public init(listing: [S3Object], keys: PublishKeys, records: [String: S3Object] = [:]) {
        var objects: [String: S3Object] = [:]
        var reserved: [String: S3Object] = [:]
        for object in listing {
            guard let path = keys.path(of: object.key) else { continue }
            if path.hasPrefix(PublishKeys.reservedFolder) { reserved[path] = object } else { objects[object.key] = object }
        }
        self.init(objects: objects, reserved: reserved, records: records)
    }

    /// Rules records (``HeaderRulesRecord``) and earlier versions' header states, newest first.
    public var headerRecords: [(path: String, object: S3Object)] {
        reserved.filter { HeaderRulesRecord.isRecord($0.key) || LegacyHeaderState.isState($0.key) }
            .map { (path: $0.key, object: $0.value) }
            .sorted { ($0.object.lastModified, $0.path) > ($1.object.lastModified, $1.path) }
    }
}

/// What was learnt about remote objects beyond the listing (HEADs, the rules of the last publish).
public struct RemoteInspection: Sendable, Equatable {
    /// The header hash of objects, by key: worked out from the rules of the last publish, from
    /// an earlier version's header state, or from a HEAD (the headers as S3 reports them,
    /// whoever stored the object).
    public var headerHashes: [String: String]
    /// Our own MD5 of objects stored in parts, by key (`x-amz-meta-tabi-md5`).
    public var md5s: [String: String]

    public init(headerHashes: [String: String] = [:], md5s: [String: String] = [:]) {
        self.headerHashes = headerHashes
        self.md5s = md5s
    }
}
