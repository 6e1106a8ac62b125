import AWS

/// The bucket under the prefix, sorted out from one listing: the site's objects, publish's
/// header states and any invalidation left pending by an interrupted run.
public struct RemoteState: Sendable {
    /// Objects of the site (everything but `_tabi/publish/`), by key.
    public var objects: [String: S3Object]
    /// Header states (`_tabi/publish/headers-<fingerprint>.json`), newest first.
    public var headerStates: [S3Object]
    /// `_tabi/publish/invalidation-<distribution>.json` for this run's distribution.
    public var pendingInvalidation: S3Object?

    public init(objects: [String: S3Object], headerStates: [S3Object] = [], pendingInvalidation: S3Object? = nil) {
        self.objects = objects
        self.headerStates = headerStates
        self.pendingInvalidation = pendingInvalidation
    }

    /// Sorts a listing of the prefix.
    public init(listing: [S3Object], keys: PublishKeys, distributionId: String?) {
        var objects: [String: S3Object] = [:]
        var states: [S3Object] = []
        let pendingKey = distributionId.map { keys.pendingInvalidation(distributionId: $0) }
        pendingInvalidation = nil
        for object in listing {
            if keys.isHeaderState(object.key) {
                states.append(object)
            } else if object.key == pendingKey {
                pendingInvalidation = object
            } else if let path = keys.path(of: object.key), !path.hasPrefix(PublishKeys.reservedStateFolder) {
                objects[object.key] = object
            }
        }
        self.objects = objects
        headerStates = states.sorted { ($0.lastModified, $0.key) > ($1.lastModified, $1.key) }
    }

    /// The header state written for rules with `fingerprint`, if the bucket has it.
    public func headerState(_ key: String) -> S3Object? {
        headerStates.first { $0.key == key }
    }
}

/// What was learnt about remote objects beyond the listing (HEADs, an older header state).
public struct RemoteInspection: Sendable, Equatable {
    /// The header hash of objects, by key: from an older header state, or from a HEAD (the
    /// headers as S3 reports them, whoever stored the object).
    public var headerHashes: [String: String]
    /// Our own MD5 of objects stored in parts, by key (`x-amz-meta-tabi-md5`).
    public var md5s: [String: String]

    public init(headerHashes: [String: String] = [:], md5s: [String: String] = [:]) {
        self.headerHashes = headerHashes
        self.md5s = md5s
    }
}
