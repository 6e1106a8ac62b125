import ContentStore
import Foundation
import TabiCore

// MARK: - Assembling the batch and the manifest

extension DerivativeMaker {
    func finish(
        _ jobs: [PhotoJob], groups: [SourceGroup], outcomes: [SourceOutcome?],
        keeping kept: PublishedDerivatives
    ) -> DerivativeBatch {
        var batch = DerivativeBatch()
        var manifest = DerivativeManifest(derivatives: kept.derivatives, originals: kept.originals)
        var failures: [(index: Int, failure: PhotoFailure)] = []
        for (group, outcome) in zip(groups, outcomes) {
            switch outcome {
            case .made(let result):
                batch.encoded += result.encoded
                batch.reused += result.reused
                manifest.originals[result.plan.sourceHash] = result.plan.original
                for (path, size) in result.sizes { manifest.derivatives[path] = size }
                batch.files.formUnion(result.sizes.keys)
                for index in group.jobIndices {
                    let photo = jobs[index].photo
                    batch.renditions[photo.id] = result.renditions(photoId: photo.id)
                    batch.sources[photo.id] = PhotoSource(sha256: result.plan.sourceHash, size: result.plan.original)
                }
                if let mismatch = result.hashMismatch {
                    let job = jobs[group.jobIndices[0]]
                    logger.warning(
                        """
                        trip \(job.tripSlug), photo \(job.photo.id): the recorded sha256 \(mismatch.recorded.prefix(16))… \
                        does not match the file's \(mismatch.actual.prefix(16))…; derivatives are named by the file
                        """)
                }
            case .failed(let location, let reason):
                for index in group.jobIndices {
                    failures.append((index, failure(jobs[index], file: location, reason: reason)))
                }
            case nil:
                let location = media.location(of: group.storageKey)
                for index in group.jobIndices {
                    failures.append(
                        (
                            index,
                            failure(
                                jobs[index], file: location,
                                reason: "the build was cancelled before this photo was done")
                        ))
                }
            }
        }
        batch.failures = failures.sorted { $0.index < $1.index }.map(\.failure)
        // The derivatives reach the disk before the manifest that vouches for them: after a power
        // loss, a manifest never names a file that came back empty (the manifest's sizes are
        // trusted without reading the file).
        if batch.encoded > 0 { AtomicFile.flushToDisk() }
        do {
            _ = try manifest.write(to: manifestFile)
        } catch {
            // The manifest only saves work: without it the next build reads derivative headers.
            logger.error("\(error)")
        }
        return batch
    }

    private func failure(_ job: PhotoJob, file: String, reason: String) -> PhotoFailure {
        PhotoFailure(
            tripSlug: job.tripSlug, photoId: job.photo.id, storageKey: job.photo.storageKey,
            file: file, reason: reason)
    }
}
