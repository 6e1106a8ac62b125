/// Computes a ``PublishPlan`` from the prepared output and the bucket, with no I/O.
public struct PublishPlanner: Sendable {
    public var keys: PublishKeys
    public var rules: HeaderRules
    /// How keys map to CloudFront paths; `nil` without a distribution (nothing to invalidate).
    public var cdnPaths: CloudFrontPaths?

    public init(keys: PublishKeys, rules: HeaderRules, cdnPaths: CloudFrontPaths?) {
        self.keys = keys
        self.rules = rules
        self.cdnPaths = cdnPaths
    }

    /// The keys whose headers or content need a HEAD before planning, given what the listing
    /// (and an older header state, if one was read) tell: without a header state for the
    /// current rules, objects with the right bytes but no recorded header hash; and objects
    /// whose ETag differs but whose size matches, as their ETag may not be an MD5 (stored in
    /// parts of another size, or encrypted with SSE-KMS) while their `tabi-md5` still matches.
    public func keysToInspect(local: [LocalObject], remote: RemoteState, recorded: [String: String]) -> [String] {
        let current = remote.headerState(keys.headerState(fingerprint: rules.fingerprint)) != nil
        var keys: [String] = []
        for object in local {
            guard let stored = remote.objects[object.key] else { continue }
            if stored.etag == object.etag {
                if !current && recorded[object.key] == nil { keys.append(object.key) }
            } else if stored.size == object.size {
                keys.append(object.key)
            }
        }
        return keys
    }

    /// The plan. `inspection` holds what HEADs and an older header state said.
    public func plan(local: [LocalObject], remote: RemoteState, inspection: RemoteInspection = RemoteInspection()) -> PublishPlan {
        let stateKey = keys.headerState(fingerprint: rules.fingerprint)
        let currentState = remote.headerState(stateKey)
        var uploads: [PublishPlan.Upload] = []
        var unchanged: [LocalObject] = []
        for object in local {
            let reason: UploadReason?
            if let stored = remote.objects[object.key] {
                let sameBytes = stored.etag == object.etag
                    || (stored.size == object.size && inspection.md5s[object.key] == object.md5)
                let sameHeaders = currentState != nil || inspection.headerHashes[object.key] == object.headers.hash
                reason = !sameBytes ? .contentChanged : (sameHeaders ? nil : .headersChanged)
            } else {
                reason = .new
            }
            if let reason {
                uploads.append(PublishPlan.Upload(object: object, reason: reason, stage: PublishStage.of(object.path)))
            } else {
                unchanged.append(object)
            }
        }
        uploads.sort { ($0.stage, $0.object.path) < ($1.stage, $1.object.path) }

        let localKeys = Set(local.map(\.key))
        let deletes = remote.objects.keys.filter { key in
            guard !localKeys.contains(key), !key.hasSuffix("/"), let path = keys.path(of: key) else { return false }
            return !path.hasPrefix(PublishKeys.reservedFolder)
        }.sorted()

        let state = HeaderState(rules: rules, objects: local)
        let stale = remote.headerStates.map(\.key).filter { $0 != stateKey }.sorted()
        return PublishPlan(uploads: uploads, deletes: deletes, unchanged: unchanged.sorted { $0.path < $1.path },
                           headerState: state, headerStateKey: stateKey,
                           writesHeaderState: currentState?.etag != state.md5, staleHeaderStates: stale,
                           invalidationPaths: invalidationPaths(uploads: uploads, deletes: deletes))
    }

    /// The CloudFront paths of changed (not new) uploads and deletes that a cache may hold.
    func invalidationPaths(uploads: [PublishPlan.Upload], deletes: [String]) -> [String] {
        guard let cdnPaths else { return [] }
        var paths = Set<String>()
        for upload in uploads where upload.reason != .new && upload.object.choice.needsInvalidation {
            paths.formUnion(cdnPaths.paths(forKey: upload.object.key))
        }
        for key in deletes {
            guard let path = keys.path(of: key), rules.choice(for: path).needsInvalidation else { continue }
            paths.formUnion(cdnPaths.paths(forKey: key))
        }
        return paths.sorted()
    }
}
