import AWS
import Foundation
import Logging
import TabiCore

/// The publish stage: `Output/` to an S3 bucket behind CloudFront, uploading only what changed.
///
/// It reads as its steps: scan and hash the output, list the bucket, plan (``plan()``, pure
/// but for the listing and, when the header rules changed, a few reads), then apply
/// (``apply(_:)``): media and assets, pages, listings, deletes, the `_tabi/` files, the header
/// state, and one CloudFront invalidation.
public struct Publisher: Sendable {
    public let options: PublishOptions
    public let s3: S3Client
    /// `nil` without a distribution.
    public let cloudFront: CloudFrontClient?
    let now: @Sendable () -> Date
    let logger = Logger(label: "tabi.publish")

    public init(options: PublishOptions, s3: S3Client, cloudFront: CloudFrontClient?, now: @escaping @Sendable () -> Date = { Date() }) {
        self.options = options
        self.s3 = s3
        self.cloudFront = cloudFront
        self.now = now
    }

    /// Plans, shows the plan to `onPlan`, then applies it unless this is a dry run. Throws only
    /// before anything is written: bad settings, a failed listing, a plan over `--max-deletes`.
    public func publish(onPlan: (PlannedPublish) -> Void = { _ in }) async throws(PublishError) -> PublishReport {
        let start = ContinuousClock.now
        let planned = try await plan()
        onPlan(planned)
        if planned.plan.deletes.count > options.maxDeletes {
            throw .refused("the plan deletes \(planned.plan.deletes.count) objects, more than --max-deletes \(options.maxDeletes) "
                + "allows; check --output and --prefix, then raise --max-deletes (or publish.maxDeletes in tabi.yml) to go ahead")
        }
        if options.dryRun {
            return PublishReport(planned: planned, dryRun: true, requests: requests, duration: ContinuousClock.now - start)
        }
        var report = await apply(planned)
        report.duration = ContinuousClock.now - start
        return report
    }

    /// The metrics of every request this publish sent (S3 and CloudFront).
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
        let files = try LocalFile.scan(options.output)
        let listing: [S3Object]
        do {
            listing = try await s3.listObjects(prefix: options.keys.prefix)
        } catch {
            throw .setup("cannot list \(s3.url(of: options.keys.prefix)): \(error)")
        }
        let preparer = LocalObjectPreparer(rules: rules, keys: options.keys, multipart: options.multipart)
        let local = try await preparer.prepare(files)
        let remote = RemoteState(listing: listing, keys: options.keys, distributionId: options.distributionId)
        let planner = PublishPlanner(keys: options.keys, rules: rules,
                                     cdnPaths: options.distributionId == nil ? nil : options.cdnPaths)

        var inspection = RemoteInspection(headerHashes: await recordedHeaders(remote, rules: rules))
        let toInspect = planner.keysToInspect(local: local, remote: remote, recorded: inspection.headerHashes)
        let heads = await head(toInspect)
        for (key, head) in heads {
            inspection.headerHashes[key] = ObjectHeaders(head: head).hash
            if let md5 = head.metadata[ObjectMetadata.md5] { inspection.md5s[key] = md5 }
        }
        let plan = planner.plan(local: local, remote: remote, inspection: inspection)
        let pending = await pendingInvalidation(remote)
        let paths = Set(plan.invalidationPaths).union(pending?.paths ?? [])
        return PlannedPublish(plan: plan, pending: pending, invalidationPaths: paths.sorted(),
                              invalidationBatch: options.invalidation.batch(paths, root: options.cdnPaths.root(of: options.keys)),
                              bucketURL: s3.url(of: options.keys.prefix), distributionId: options.distributionId,
                              planner: planner)
    }

    /// When the header state of the current rules is missing, the newest older one's record of
    /// header hashes, by key (an unreadable one is skipped: HEADs stand in for it).
    private func recordedHeaders(_ remote: RemoteState, rules: HeaderRules) async -> [String: String] {
        let current = options.keys.headerState(fingerprint: rules.fingerprint)
        guard remote.headerState(current) == nil, let older = remote.headerStates.first else { return [:] }
        do {
            guard let state = HeaderState(data: try await s3.getObject(key: older.key)) else {
                logger.warning("\(older.key) is not a header state; checking headers with HEAD requests instead")
                return [:]
            }
            logger.info("the header rules changed since the last publish (\(state.rules) → \(rules.fingerprint))")
            return Dictionary(state.headers.map { (options.keys.key($0.key), $0.value) }) { $1 }
        } catch {
            logger.warning("cannot read \(older.key) (\(error)); checking headers with HEAD requests instead")
            return [:]
        }
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

    /// The invalidation an interrupted publish left for this distribution, if any.
    private func pendingInvalidation(_ remote: RemoteState) async -> PendingInvalidation? {
        guard let record = remote.pendingInvalidation else { return nil }
        do {
            guard let pending = PendingInvalidation(data: try await s3.getObject(key: record.key)) else {
                logger.warning("\(record.key) is not a pending invalidation; it is replaced")
                return nil
            }
            if options.distributionId != nil {
                logger.notice("an earlier publish left \(pending.paths.count) paths to invalidate; they are sent with this one")
            }
            return pending
        } catch {
            logger.warning("cannot read \(record.key) (\(error)); its paths are not invalidated")
            return nil
        }
    }
}

/// A plan with what the bucket says beyond the site: the invalidation an earlier run left,
/// and the batch this run will send.
public struct PlannedPublish: Sendable {
    public var plan: PublishPlan
    /// Left by an interrupted publish to this distribution.
    public var pending: PendingInvalidation?
    /// Every exact path to invalidate: this plan's and the pending ones.
    public var invalidationPaths: [String]
    /// The batch sent to CloudFront (wildcards where many paths share a folder).
    public var invalidationBatch: [String]
    /// `s3://bucket/prefix`.
    public var bucketURL: String
    public var distributionId: String?
    /// How the plan was made, for the paths of what actually got applied.
    let planner: PublishPlanner
}
