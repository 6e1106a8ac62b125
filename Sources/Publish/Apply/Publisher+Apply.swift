import AWS
import Concurrency
import Foundation
import TabiCore

/// Applying a plan, in the order that keeps the site whole for readers.
extension Publisher {
    /// Applies `planned`: records the invalidation owed, retires what earlier versions left
    /// readable, uploads stage by stage (a stage with a failure or a refused file stops the later
    /// ones, whose pages could link to what is missing), then deletes (listings and pages before
    /// media), the state and the header rules record, then the invalidation. Never throws:
    /// failures are in the report.
    public func apply(_ planned: PlannedPublish) async -> PublishReport {
        var report = PublishReport(planned: planned, dryRun: false, requests: requests, duration: .zero)
        let plan = planned.plan
        let limiter = RequestLimiter(options.concurrency)
        let uploader = ObjectUploader(s3: s3, limiter: limiter, partConcurrency: options.concurrency, logger: logger)
        if !plan.isEmpty { await abortStaleUploads() }

        var owed = Owed(record: planned.pending, paths: planned.pending?.paths.map(Set.init))
        if let distributionId = options.distributionId, cloudFront != nil, !planned.invalidationPaths.isEmpty {
            // Recorded before the first write, so a publish killed after it still invalidates.
            let record = owedRecord(planned, distributionId: distributionId)
            do {
                try await store.write(StateStore.pendingInvalidation(distributionId), record.data)
            } catch {
                logger.error("\(error)")
                report.failures.append(
                    PublishFailure(
                        key: store.key(StateStore.pendingInvalidation(distributionId)),
                        operation: "PutObject", message: error.description))
                report.skippedUploads = plan.uploads.count
                return finish(report)
            }
            owed = Owed(record: record, paths: Set(planned.invalidationPaths))
            if let served = planned.servedPendingKey { await deleteQuietly([served], from: s3) }
        }
        var late = await retire(plan.retired)

        let progress = plan.uploads.isEmpty ? nil : options.progress
        progress?(.started(label: "upload", total: plan.uploads.count))
        var attempted = 0
        for stage in PublishStage.allCases {
            attempted += plan.uploads(in: stage).count
            let (done, failed) = await upload(plan.uploads(in: stage), uploader, progress)
            let refused = plan.refused(in: stage).map {
                PublishFailure(key: options.keys.key($0.path), operation: "read", message: $0.description)
            }
            report.uploaded += done
            report.failures += refused + failed
            if !failed.isEmpty || !refused.isEmpty { break }
        }
        progress?(.finished)
        report.skippedUploads = plan.uploads.count - attempted
        if report.failures.isEmpty {
            report.deleted = await delete(plan.deletes, &report.failures)
        }
        late += plan.refused.filter(\.isBuildFile).map { PublishFailure(key: $0.path, operation: "read", message: $0.description) }
        if report.failures.isEmpty { await writeState(plan, &report) }
        report.failures += late
        await invalidate(planned, report: &report, owed: owed)
        return finish(report)
    }

    private func finish(_ report: PublishReport) -> PublishReport {
        var report = report
        report.requests = requests
        return report
    }

    /// The invalidation this run owes, with the exact paths in a private store, none in the
    /// served one. A retry of the same batch keeps its caller reference.
    private func owedRecord(_ planned: PlannedPublish, distributionId: String) -> PendingInvalidation {
        let paths = planned.invalidationPaths
        let reference: String
        if let pending = planned.pending, let earlier = pending.paths, Set(earlier) == Set(paths) {
            reference = pending.callerReference
        } else {
            reference =
                store.isPrivate
                ? PendingInvalidation.callerReference(paths: paths, start: now())
                : PendingInvalidation.opaqueCallerReference(start: now())
        }
        return PendingInvalidation(distributionId: distributionId, paths: store.isPrivate ? paths : nil, callerReference: reference)
    }

    /// The invalidation record in the store, and the exact paths its caller reference stands for
    /// (`nil` when unknown: a served record read from an earlier run).
    private struct Owed {
        var record: PendingInvalidation?
        var paths: Set<String>?
    }

    // MARK: - Steps

    /// Multipart uploads under the prefix left by a publish that was killed: nothing of this
    /// run has started one yet, so all are stale. Their parts cost storage until aborted.
    private func abortStaleUploads() async {
        do {
            for upload in try await s3.listMultipartUploads(prefix: options.keys.prefix) {
                logger.notice("aborting the unfinished upload of \(upload.key) started \(upload.initiated)")
                do { try await s3.abortMultipartUpload(key: upload.key, uploadId: upload.uploadId) } catch {
                    logger.warning("\(error)")
                }
            }
        } catch {
            logger.warning("cannot list unfinished multipart uploads: \(error)")
        }
    }

    /// Deletes what earlier publishes left beside the site; returns the keys that failed (they
    /// fail the run, as they may tell readers what the site does not link, but stop nothing).
    private func retire(_ keys: [String]) async -> [PublishFailure] {
        guard !keys.isEmpty else { return [] }
        var failures: [PublishFailure] = []
        let deleted = await delete(keys, &failures)
        for key in deleted { logger.info("deleted \(key), left by an earlier publish") }
        return failures
    }

    /// Uploads a stage, `options.concurrency` objects at a time.
    private func upload(
        _ uploads: [PublishPlan.Upload], _ uploader: ObjectUploader,
        _ progress: StageProgress?
    ) async -> ([PublishPlan.Upload], [PublishFailure]) {
        let window = options.concurrency, logger = self.logger
        var done: [PublishPlan.Upload] = [], failed: [PublishFailure] = []
        await slidingWindow(uploads.count, concurrency: window) { index -> PublishFailure? in
            let upload = uploads[index]
            do throws(PublishFailure) {
                try await uploader.upload(upload.object)
                logger.debug("uploaded \(upload.object.key) (\(upload.reason.rawValue), \(ByteCount(upload.object.size)))")
                return nil
            } catch {
                logger.error("\(error)")
                return error
            }
        } collect: { index, failure in
            if let failure { failed.append(failure) } else { done.append(uploads[index]) }
            progress?(.advanced(count: 1))
        }
        return (done.sorted { $0.object.path < $1.object.path }, failed.sorted { $0.key < $1.key })
    }

    /// Deletes `keys` in the order given, in batches of 1,000 that never mix stages (a page goes
    /// before the media it shows); returns the keys deleted.
    private func delete(_ keys: [String], _ failures: inout [PublishFailure]) async -> [String] {
        var deleted: [String] = []
        var start = 0
        while start < keys.count {
            let stage = PublishStage.of(options.keys.path(of: keys[start]) ?? keys[start])
            var end = start
            while end < keys.count, end - start < S3Client.maxKeysPerDelete,
                PublishStage.of(options.keys.path(of: keys[end]) ?? keys[end]) == stage
            { end += 1 }
            let batch = Array(keys[start..<end])
            start = end
            do {
                let failed = try await s3.deleteObjects(batch)
                let failedKeys = Set(failed.map(\.key))
                failures += failed.map { PublishFailure(key: $0.key, operation: "DeleteObjects", message: $0.description) }
                deleted += batch.filter { !failedKeys.contains($0) }
            } catch {
                logger.error("\(error)")
                failures += batch.map { PublishFailure(key: $0, operation: "DeleteObjects", message: error.description) }
            }
        }
        for key in deleted { logger.debug("deleted \(key)") }
        return deleted
    }

    /// After the site: the build's files into a private store, then the header rules record.
    private func writeState(_ plan: PublishPlan, _ report: inout PublishReport) async {
        for file in plan.stateWrites {
            do { try await store.write(file.name, file.data) } catch {
                logger.error("\(error)")
                report.failures.append(PublishFailure(key: store.key(file.name), operation: "PutObject", message: error.description))
            }
        }
        if !plan.staleStateRecords.isEmpty {
            do {
                for failure in try await store.delete(plan.staleStateRecords) { logger.warning("\(failure)") }
            } catch {
                logger.warning("\(error)")
            }
        }
        guard plan.writesRulesRecord, report.failures.isEmpty else { return }
        do {
            try await StateStore.putPrivate(plan.rulesRecord.data, key: plan.rulesRecordKey, s3: s3)
            report.wroteRulesRecord = true
        } catch {
            logger.error("\(error)")
            report.failures.append(PublishFailure(key: plan.rulesRecordKey, operation: "PutObject", message: error.description))
        }
    }

    /// Sends one invalidation for what changed, if there is a distribution and anything to send.
    private func invalidate(_ planned: PlannedPublish, report: inout PublishReport, owed: Owed) async {
        guard let distributionId = options.distributionId, let cloudFront else { return }
        var paths = Set(planned.invalidationPaths)
        if !report.failures.isEmpty {
            // Only what reached the bucket, and what the interrupted runs before left: the failed
            // keys still differ, so the next publish uploads and invalidates them.
            paths = Set(planned.pending.map { $0.paths ?? [everything] } ?? [])
            paths.formUnion(planned.planner.invalidationPaths(uploads: report.uploaded, deletes: report.deleted))
        }
        guard !paths.isEmpty else { return }
        let batch = options.invalidation.batch(paths, root: options.cdnPaths.root(of: options.keys))
        let reference = owed.paths == paths ? owed.record?.callerReference : nil
        do {
            report.invalidation = try await cloudFront.createInvalidation(
                distributionId: distributionId, paths: batch,
                callerReference: reference
                    ?? (store.isPrivate
                        ? PendingInvalidation.callerReference(paths: Array(paths), start: now())
                        : PendingInvalidation.opaqueCallerReference(start: now())))
            report.invalidatedPaths = batch
        } catch {
            logger.error("\(error)")
            report.failures.append(PublishFailure(key: distributionId, operation: "CreateInvalidation", message: error.description))
            return
        }
        if owed.record != nil {
            await deleteQuietly([store.key(StateStore.pendingInvalidation(distributionId))], from: store.s3)
        }
    }

    /// Deletes keys, logging (not failing on) what could not be deleted.
    private func deleteQuietly(_ keys: [String], from s3: S3Client) async {
        do {
            for failure in try await s3.deleteObjects(keys) { logger.warning("\(failure)") }
        } catch {
            logger.warning("\(error)")
        }
    }
}
