import AWS
import Console
import Crypto
import Foundation
import TabiCore

/// Applying a plan, in the order that keeps the site whole for readers.
extension Publisher {
    /// Applies `planned`: uploads stage by stage (a stage with a failure stops the later ones,
    /// whose pages could link to what is missing), then deletes, the `_tabi/` files and the
    /// header state, then the invalidation. Never throws: failures are in the report.
    public func apply(_ planned: PlannedPublish) async -> PublishReport {
        var report = PublishReport(planned: planned, dryRun: false, requests: requests, duration: .zero)
        let plan = planned.plan
        let limiter = RequestLimiter(options.concurrency)
        let uploader = ObjectUploader(s3: s3, limiter: limiter, partConcurrency: options.concurrency, logger: logger)
        if !plan.isEmpty { await abortStaleUploads() }

        var pending = planned.pending
        if let distributionId = options.distributionId, cloudFront != nil, !plan.invalidationPaths.isEmpty {
            // Recorded before the first write, so a publish killed after it still invalidates.
            let reference = PendingInvalidation.callerReference(paths: planned.invalidationPaths, start: now())
            let record = PendingInvalidation(distributionId: distributionId, paths: planned.invalidationPaths, callerReference: reference)
            if let failure = await putPrivate(record.data, key: options.keys.pendingInvalidation(distributionId: distributionId)) {
                report.failures.append(failure)
                report.skippedUploads = plan.uploads.count
                return finish(report)
            }
            pending = record
        }

        let progress = options.showProgress && !plan.uploads.isEmpty ? ProgressBar(label: "upload", total: plan.uploads.count) : nil
        var attempted = 0
        for stage in [PublishStage.assets, .pages, .listings] {
            attempted += plan.uploads(in: stage).count
            let (done, failed) = await upload(plan.uploads(in: stage), uploader, progress)
            report.uploaded += done
            report.failures += failed
            if !failed.isEmpty { break }
        }
        if report.failures.isEmpty {
            report.deleted = await delete(plan.deletes, &report.failures)
        }
        if report.failures.isEmpty {
            attempted += plan.uploads(in: .reserved).count
            let (done, failed) = await upload(plan.uploads(in: .reserved), uploader, progress)
            report.uploaded += done
            report.failures += failed
        }
        progress?.finish()
        report.skippedUploads = plan.uploads.count - attempted
        if report.failures.isEmpty { await writeHeaderState(plan, &report) }
        await invalidate(planned, report: &report, pending: pending)
        return finish(report)
    }

    private func finish(_ report: PublishReport) -> PublishReport {
        var report = report
        report.requests = requests
        return report
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

    /// Uploads a stage, `options.concurrency` objects at a time.
    private func upload(_ uploads: [PublishPlan.Upload], _ uploader: ObjectUploader,
                        _ progress: ProgressBar?) async -> ([PublishPlan.Upload], [PublishFailure]) {
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
            progress?.advance()
        }
        return (done.sorted { $0.object.path < $1.object.path }, failed.sorted { $0.key < $1.key })
    }

    /// Deletes `keys` in batches of 1,000; returns the keys deleted.
    private func delete(_ keys: [String], _ failures: inout [PublishFailure]) async -> [String] {
        var deleted: [String] = []
        for start in stride(from: 0, to: keys.count, by: S3Client.maxKeysPerDelete) {
            let batch = Array(keys[start..<min(start + S3Client.maxKeysPerDelete, keys.count)])
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

    /// Writes the header state for the current rules, then removes the states of older rules.
    private func writeHeaderState(_ plan: PublishPlan, _ report: inout PublishReport) async {
        if plan.writesHeaderState {
            if let failure = await putPrivate(plan.headerState.data, key: plan.headerStateKey) {
                report.failures.append(failure)
                return
            }
            report.wroteHeaderState = true
        }
        guard !plan.staleHeaderStates.isEmpty else { return }
        do {
            for failure in try await s3.deleteObjects(plan.staleHeaderStates) { logger.warning("\(failure)") }
        } catch {
            logger.warning("\(error)")
        }
    }

    /// Sends one invalidation for what changed, if there is a distribution and anything to send.
    private func invalidate(_ planned: PlannedPublish, report: inout PublishReport, pending: PendingInvalidation?) async {
        guard let distributionId = options.distributionId, let cloudFront else { return }
        var paths = Set(pending?.paths ?? [])
        if !report.failures.isEmpty {
            // Only what reached the bucket, and what the interrupted run before left: the failed
            // keys still differ, so the next publish uploads and invalidates them.
            paths = Set(planned.pending?.paths ?? [])
            paths.formUnion(planned.planner.invalidationPaths(uploads: report.uploaded, deletes: report.deleted))
        }
        guard !paths.isEmpty else { return }
        let batch = options.invalidation.batch(paths, root: options.cdnPaths.root(of: options.keys))
        let reference = pending.flatMap { Set($0.paths) == paths ? $0.callerReference : nil }
            ?? PendingInvalidation.callerReference(paths: Array(paths), start: now())
        do {
            report.invalidation = try await cloudFront.createInvalidation(distributionId: distributionId, paths: batch, callerReference: reference)
            report.invalidatedPaths = batch
        } catch {
            logger.error("\(error)")
            report.failures.append(PublishFailure(key: distributionId, operation: "CreateInvalidation", message: error.description))
            return
        }
        if pending != nil {
            do { try await s3.deleteObject(key: options.keys.pendingInvalidation(distributionId: distributionId)) } catch {
                logger.warning("\(error)")
            }
        }
    }

    /// Puts one of publish's own JSON files (`_tabi/publish/`), kept out of shared caches.
    private func putPrivate(_ data: Data, key: String) async -> PublishFailure? {
        let md5 = ContentHash.hex(Insecure.MD5.hash(data: data))
        let attributes = S3ObjectAttributes(contentType: "application/json", cacheControl: HeaderRules.privateState)
        do {
            _ = try await s3.putObject(key: key, body: .data(data), md5: md5, attributes: attributes)
            return nil
        } catch {
            logger.error("\(error)")
            return PublishFailure(key: key, operation: "PutObject", message: error.description)
        }
    }
}
