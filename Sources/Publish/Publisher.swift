import AWS
import Concurrency
import ContentStore
import Foundation
import Logging
import TabiCore

/// The publish stage: `Output/` to an S3 bucket behind CloudFront, uploading only what changed.
///
/// It reads as its steps: scan and hash the output, list the bucket (and a private state
/// store), plan (``plan()``, pure but for the listings and, when the header rules changed, one
/// read of the old ones), then apply (``apply(_:)``): retire what earlier versions left readable,
/// media and assets, pages, listings, deletes, the state, the header rules record, and one
/// CloudFront invalidation.
public struct Publisher: Sendable {
    public let options: PublishOptions
    public let s3: S3Client
    /// `nil` without a distribution.
    public let cloudFront: CloudFrontClient?
    /// Where the records naming paths go: `--state`, or the served `_tabi/publish/`.
    public let store: StateStore
    let now: @Sendable () -> Date
    let logger = Logger(label: "tabi.publish")

    public init(options: PublishOptions, s3: S3Client, cloudFront: CloudFrontClient?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.s3 = s3
        self.cloudFront = cloudFront
        self.now = now
        store = options.state.map { StateStore.at($0, site: s3) } ?? .served(s3, keys: options.keys)
    }

    /// Plans, shows the plan to `onPlan`, then applies it unless this is a dry run. Throws only
    /// before anything is written: bad settings, a failed listing, a plan over `--max-deletes`.
    public func publish(onPlan: (PlannedPublish) -> Void = { _ in }) async throws(PublishError) -> PublishReport {
        let start = ContinuousClock.now
        let planned = try await plan()
        onPlan(planned)
        if planned.plan.deletes.count > options.maxDeletes {
            throw .refused(
                "the plan deletes \(planned.plan.deletes.count) objects, more than --max-deletes \(options.maxDeletes) "
                    + "allows; check --output and --prefix, then raise --max-deletes (or publish.maxDeletes in tabi.yml) to go ahead")
        }
        if options.dryRun {
            return PublishReport(planned: planned, dryRun: true, requests: requests, duration: ContinuousClock.now - start)
        }
        var report = await apply(planned)
        report.duration = ContinuousClock.now - start
        return report
    }

    /// The metrics of every request this publish sent (S3, the state store and CloudFront).
    public var requests: AWSClientMetrics {
        var total = s3.metrics
        if let metrics = cloudFront?.metrics {
            total.requests += metrics.requests
            total.attempts += metrics.attempts
            total.retries += metrics.retries
            total.throttled += metrics.throttled
            total.failures += metrics.failures
        }
        return total
    }

    // MARK: - Plan

    /// Scans and hashes the output, lists the bucket and computes the plan. Writes nothing.
    public func plan() async throws(PublishError) -> PlannedPublish {
        let rules = try HeaderRules(settings: options.settings)
        if let state = options.state {
            try StateStore.check(state, site: options.bucket, keys: options.keys, cdnPaths: options.cdnPaths)
        }
        let scan = try LocalFile.scan(options.output)
        let listing: [S3Object], records: [String: S3Object]
        do {
            listing = try await s3.listObjects(prefix: options.keys.prefix)
        } catch {
            throw .setup("cannot list \(s3.url(of: options.keys.prefix)): \(error)")
        }
        do {
            records = try await store.records(siteListing: listing)
        } catch {
            throw .setup("cannot list the state at \(store.url()): \(error)")
        }
        let preparer = LocalObjectPreparer(rules: rules, keys: options.keys, multipart: options.multipart)
        let (local, unreadable) = await preparer.prepare(scan.files)
        let (buildFiles, unreadableBuild) = store.isPrivate ? readBuildFiles(scan.buildFiles) : ([], [])
        for refused in scan.refused + unreadable + unreadableBuild { logger.error("\(refused); it is not published") }
        let remote = RemoteState(listing: listing, keys: options.keys, records: records)
        let planner = PublishPlanner(
            keys: options.keys, rules: rules,
            cdnPaths: options.distributionId == nil ? nil : options.cdnPaths)

        var inspection = RemoteInspection(headerHashes: await recordedHeaders(remote, planner: planner, local: local))
        let toInspect = planner.keysToInspect(local: local, remote: remote, recorded: inspection.headerHashes)
        let heads = await head(toInspect)
        for (key, head) in heads {
            inspection.headerHashes[key] = ObjectHeaders(head: head).hash
            if let md5 = head.metadata[ObjectMetadata.md5] { inspection.md5s[key] = md5 }
        }
        let plan = planner.plan(
            local: local, refused: scan.refused + unreadable + unreadableBuild, remote: remote,
            inspection: inspection, buildFiles: buildFiles,
            unkept: store.isPrivate ? [] : scan.buildFiles.map(\.path))
        let (pending, servedPendingKey) = await pendingInvalidation(remote)
        var paths = Set(plan.invalidationPaths)
        if let pending { paths.formUnion(pending.paths ?? [everything]) }
        return PlannedPublish(
            plan: plan, pending: pending, servedPendingKey: servedPendingKey, invalidationPaths: paths.sorted(),
            invalidationBatch: options.invalidation.batch(paths, root: options.cdnPaths.root(of: options.keys)),
            bucketURL: s3.url(of: options.keys.prefix), distributionId: options.distributionId,
            store: store, planner: planner)
    }

    /// The path that invalidates the whole site: `/*`, or `/blog/*` for a site under a prefix.
    var everything: String { options.cdnPaths.root(of: options.keys) + "*" }

    /// The build's `_tabi/` files as records of the private store (read without following links).
    private func readBuildFiles(_ files: [LocalFile]) -> ([StateFile], [RefusedFile]) {
        var kept: [StateFile] = [], refused: [RefusedFile] = []
        for file in files {
            do {
                kept.append(StateFile(name: StateStore.buildFile(file.path), data: try ConfinedFolder(file.root).read(file.path)))
            } catch {
                refused.append(RefusedFile(path: file.path, error: error))
            }
        }
        return (kept, refused)
    }

    /// When the current rules have no record, the headers each local object had under the rules
    /// of the last publish (worked out from their record), or as an earlier version's header
    /// state lists them; by key. A record that cannot be read or used is skipped: HEADs stand in.
    private func recordedHeaders(_ remote: RemoteState, planner: PublishPlanner, local: [LocalObject]) async -> [String: String] {
        guard !planner.rulesAreCurrent(remote), let newest = remote.headerRecords.first else { return [:] }
        let key = options.keys.key(newest.path)
        let data: Data
        do { data = try await s3.getObject(key: key) } catch {
            logger.warning("cannot read \(key) (\(error)); checking headers with HEAD requests instead")
            return [:]
        }
        if HeaderRulesRecord.isRecord(newest.path) {
            guard let record = HeaderRulesRecord(data: data), let old = record.rules else {
                logger.warning("\(key) is not header rules this version can read; checking headers with HEAD requests instead")
                return [:]
            }
            logger.info("the header rules changed since the last publish (\(record.fingerprint) → \(planner.rules.fingerprint))")
            return Dictionary(local.map { ($0.key, old.headerHash(of: $0)) }) { $1 }
        }
        guard let state = LegacyHeaderState(data: data) else {
            logger.warning("\(key) is not a header state; checking headers with HEAD requests instead")
            return [:]
        }
        logger.info("the header rules changed since the last publish (\(state.rules) → \(planner.rules.fingerprint))")
        return Dictionary(state.headers.map { (options.keys.key($0.key), $0.value) }) { $1 }
    }

    /// HEADs of `keys`, several at a time. A failed HEAD leaves its key unknown, which plans an upload.
    private func head(_ keys: [String]) async -> [String: S3ObjectHead] {
        guard !keys.isEmpty else { return [:] }
        let s3 = self.s3, window = options.concurrency, logger = self.logger
        var heads: [String: S3ObjectHead] = [:]
        await slidingWindow(keys.count, concurrency: window) { index -> S3ObjectHead? in
            do { return try await s3.headObject(key: keys[index]) } catch {
                logger.debug("HEAD \(keys[index]) failed (\(error)); it will be uploaded")
                return nil
            }
        } collect: { index, head in
            heads[keys[index]] = head
        }
        return heads
    }

    /// The invalidation interrupted publishes left for this distribution, if any: the store's
    /// record, and with a private store also one left in the served area (by a publish without
    /// `--state`, or an earlier version), whose key is returned so it can go once carried over.
    private func pendingInvalidation(_ remote: RemoteState) async -> (PendingInvalidation?, String?) {
        guard let distributionId = options.distributionId else { return (nil, nil) }
        let name = StateStore.pendingInvalidation(distributionId)
        var found: PendingInvalidation?
        if remote.records[name] != nil, let record = await readPending(store.s3, key: store.key(name)) {
            found = record
        }
        var servedKey: String?
        let servedPath = PublishKeys.reservedStateFolder + name
        if store.isPrivate, remote.reserved[servedPath] != nil {
            servedKey = options.keys.key(servedPath)
            if let served = await readPending(s3, key: options.keys.key(servedPath)) {
                found = found.map { $0.merged(with: served) } ?? served
            }
        }
        if let found {
            let owed = found.paths.map { "\($0.count) paths" } ?? "everything (its paths were not kept where readers can fetch them)"
            logger.notice("an earlier publish left an invalidation owed: \(owed); it is sent with this one")
        }
        return (found, servedKey)
    }

    private func readPending(_ s3: S3Client, key: String) async -> PendingInvalidation? {
        do {
            guard let pending = PendingInvalidation(data: try await s3.getObject(key: key)) else {
                logger.warning("\(s3.url(of: key)) is not a pending invalidation; it is replaced")
                return nil
            }
            return pending
        } catch {
            logger.warning("cannot read \(s3.url(of: key)) (\(error)); its paths are not invalidated")
            return nil
        }
    }
}

/// A plan with what the bucket says beyond the site: the invalidation earlier runs left, and
/// the batch this run will send.
public struct PlannedPublish: Sendable {
    public var plan: PublishPlan
    /// Left by interrupted publishes to this distribution.
    public var pending: PendingInvalidation?
    /// A pending record in the served area that a private store takes over (then deletes).
    public var servedPendingKey: String?
    /// Every exact path to invalidate: this plan's and the pending ones (the site's root
    /// folder wildcard when everything is owed).
    public var invalidationPaths: [String]
    /// The batch sent to CloudFront (wildcards where many paths share a folder).
    public var invalidationBatch: [String]
    /// `s3://bucket/prefix`.
    public var bucketURL: String
    public var distributionId: String?
    /// Where the records naming paths go.
    public var store: StateStore
    /// How the plan was made, for the paths of what actually got applied.
    let planner: PublishPlanner
}
