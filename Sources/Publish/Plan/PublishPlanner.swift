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

    /// Whether the bucket says every object publish stored carries the headers of the current
    /// rules: their record (or an earlier version's header state of the same rules) is there.
    public func rulesAreCurrent(_ remote: RemoteState) -> Bool {
        remote.reserved[HeaderRulesRecord.path(fingerprint: rules.fingerprint)] != nil
            || remote.reserved[LegacyHeaderState.path(fingerprint: rules.fingerprint)] != nil
    }

    /// The keys whose headers or content need a HEAD before planning, given what the listing
    /// (and the rules of the last publish, if the current ones are new) tell: without the
    /// current rules' record, objects with the right bytes but no recorded header hash; and
    /// objects whose ETag differs but whose size matches, as their ETag may not be an MD5 (stored
    /// in parts of another size, or encrypted with SSE-KMS) while their `tabi-md5` still matches.
    public func keysToInspect(local: [LocalObject], remote: RemoteState, recorded: [String: String]) -> [String] {
        let current = rulesAreCurrent(remote)
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

    /// The plan. `inspection` holds what HEADs and the last publish's rules said; `buildFiles`
    /// are the build's `_tabi/` files to keep in a private state store (`unkept` lists those
    /// left on disk without one).
    public func plan(
        local: [LocalObject], refused: [RefusedFile] = [], remote: RemoteState,
        inspection: RemoteInspection = RemoteInspection(), buildFiles: [StateFile] = [],
        unkept: [String] = []
    ) -> PublishPlan {
        let current = rulesAreCurrent(remote)
        var uploads: [PublishPlan.Upload] = []
        var unchanged: [LocalObject] = []
        for object in local {
            let reason: UploadReason?
            if let stored = remote.objects[object.key] {
                let sameBytes =
                    stored.etag == object.etag
                    || (stored.size == object.size && inspection.md5s[object.key] == object.md5)
                let sameHeaders = current || inspection.headerHashes[object.key] == object.headers.hash
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

        // A refused path is not gone: its key stays.
        let kept = Set(local.map(\.key)).union(refused.map { keys.key($0.path) })
        let deletes = remote.objects.keys.filter { !kept.contains($0) && !$0.hasSuffix("/") }
            .map { (key: $0, stage: PublishStage.of(keys.path(of: $0) ?? $0)) }
            .sorted { $0.stage != $1.stage ? $0.stage > $1.stage : $0.key < $1.key }
            .map(\.key)

        let record = HeaderRulesRecord(rules: rules)
        let recordPath = HeaderRulesRecord.path(fingerprint: rules.fingerprint)
        // A refused build file is not gone either: its record stays.
        let refusedBuild = refused.filter(\.isBuildFile).map { StateStore.buildFile($0.path) }
        let builtPaths = Set(buildFiles.map(\.name)).union(unkept.map(StateStore.buildFile)).union(refusedBuild)
        let retired = remote.reserved.keys.filter { path in
            if path == recordPath { return false }
            if HeaderRulesRecord.isRecord(path) || LegacyHeaderState.isState(path) { return true }
            // Build files an earlier version uploaded beside the site.
            return !path.hasPrefix(PublishKeys.reservedStateFolder)
                && (PublishKeys.legacyBuildFiles.contains(path) || builtPaths.contains(StateStore.buildFile(path)))
        }.sorted().map(keys.key)

        let names = Set(buildFiles.map(\.name)).union(refusedBuild)
        return PublishPlan(
            uploads: uploads, deletes: deletes, unchanged: unchanged.sorted { $0.path < $1.path },
            refused: refused.sorted { $0.path < $1.path },
            rulesRecord: record, rulesRecordKey: keys.key(recordPath),
            writesRulesRecord: remote.reserved[recordPath]?.etag != record.md5, retired: retired,
            stateWrites: buildFiles.filter { remote.records[$0.name]?.etag != $0.md5 }.sorted { $0.name < $1.name },
            staleStateRecords: remote.records.keys.filter { StateStore.isBuildFile($0) && !names.contains($0) }.sorted(),
            unkeptBuildFiles: unkept.sorted(),
            invalidationPaths: invalidationPaths(uploads: uploads, deletes: deletes))
    }

    /// The CloudFront paths of changed (not new) uploads a cache may hold stale, and of every
    /// deleted key a shared cache may hold (immutable ones too: a withdrawn trip's photos would
    /// otherwise stay served for their year-long max-age).
    func invalidationPaths(uploads: [PublishPlan.Upload], deletes: [String]) -> [String] {
        guard let cdnPaths else { return [] }
        var paths = Set<String>()
        for upload in uploads where upload.reason != .new && upload.object.choice.needsInvalidation {
            paths.formUnion(cdnPaths.paths(forKey: upload.object.key))
        }
        for key in deletes {
            guard let path = keys.path(of: key), rules.choice(for: path).isSharedCacheable else { continue }
            paths.formUnion(cdnPaths.paths(forKey: key))
        }
        return paths.sorted()
    }
}
