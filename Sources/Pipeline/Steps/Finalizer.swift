import AWS
import Foundation
import Logging
import Publish
import Render
import TabiCore

/// The step that runs once per night after every shard: the listings (home page, feed, sitemap,
/// 404 page, robots.txt) and the theme's assets, written from the records alone (no trip is read);
/// the media no trip shows any more, deleted; one CloudFront invalidation for everything the
/// shards changed. The shards' markers go only once all that is done, so a finalize step that
/// was stopped is done again, whole, by the next one.
struct Finalizer: Sendable {
    let sync: SiteSync
    let records: StateRecords
    let renderer: SiteRenderer
    let cdn: NightlyOptions.CDN?
    let run: String
    let logger: Logger
    let now: @Sendable () -> Date

    func finalize() async -> FinalizeReport {
        let clock = ContinuousClock(), start = clock.now
        var report = FinalizeReport()
        defer { report.duration = clock.now - start }

        // MARK: - What the shards left, and every trip's record.
        let markers: [(name: String, marker: ShardMarker)]
        let buckets: [Int: TripRecordBucket]
        let site: SiteRecord
        do {
            var found: [(String, ShardMarker)] = []
            for name in try await records.store.list(ShardMarker.folder) where name.hasSuffix(".json") {
                if let marker = try await records.read(ShardMarker.self, name) { found.append((name, marker)) }
            }
            markers = found
            buckets = try await records.tripBuckets(Array(0..<TripShard.bucketCount))
            site = try await records.read(SiteRecord.self, SiteRecord.name) ?? SiteRecord()
        } catch {
            report.failures.append(error.description)
            return report
        }
        report.shardsCollected = markers.map(\.marker.shard)
        let trips = buckets.values.flatMap(\.trips.values)
        let entries = trips.compactMap(\.listing)
        report.listedTrips = entries.count

        // MARK: - Assets, then listings, each only when its bytes changed.
        var invalidate = Set(markers.flatMap(\.marker.invalidate))
        let assets = renderer.assets().map { sync.prepare($0.path, $0.data) }
        let listings = renderer.renderListings(entries).map { sync.prepare($0.path, $0.data) }
        var record = SiteRecord()
        for group in [assets, listings] {
            let changed = group.filter { site.files[$0.path] != $0.md5 }
            let put = await sync.put(changed)
            report.uploaded += put.done
            report.failures += put.failures.map(\.description)
            for file in group {
                let failed = put.failures.contains { $0.key.hasSuffix(file.path) }
                record.files[file.path] = failed ? site.files[file.path] : file.md5
                if !failed, site.files[file.path] != nil, site.files[file.path] != file.md5, file.needsInvalidation {
                    invalidate.formUnion(cdnPaths(file.path))
                }
            }
            if !put.failures.isEmpty { break }
        }
        // Assets of earlier themes are left: pages still cached by readers may point at them.
        for (path, md5) in site.files where record.files[path] == nil && PublishStage.of(path) == .assets {
            record.files[path] = md5
        }

        // MARK: - Media no trip shows any more.
        let shown = Set(trips.flatMap(\.media))
        let orphans = Set(markers.flatMap(\.marker.orphans)).subtracting(shown).sorted()
        if report.failures.isEmpty, !orphans.isEmpty {
            let failures = await sync.site.delete(orphans)
            report.failures += failures.map(\.description)
            for path in orphans where !failures.contains(where: { $0.key.hasSuffix(path) }) {
                report.deleted.append(path)
                invalidate.formUnion(cdnPaths(path))
            }
        }

        // MARK: - One invalidation for the night.
        if let cdn, !invalidate.isEmpty {
            let batch = cdn.batcher.batch(invalidate, root: cdn.paths.root(of: cdn.keys))
            let reference = "tabi-nightly-" + ContentHash.sha256(run + "\n" + batch.joined(separator: "\n")).prefix(24)
            do {
                let invalidation = try await cdn.client.createInvalidation(distributionId: cdn.distributionId, paths: batch,
                                                                           callerReference: String(reference))
                report.invalidationId = invalidation.id
                report.invalidatedPaths = batch
            } catch {
                report.failures.append("CreateInvalidation on \(cdn.distributionId): \(error); the next finalize sends it")
            }
        }

        // MARK: - The record, then the markers (only when all of it went through).
        do { try await records.write(record, SiteRecord.name) } catch { report.failures.append(error.description) }
        if report.failures.isEmpty {
            for failure in await records.store.delete(markers.map(\.name)) { logger.warning("\(failure)") }
        }
        report.requests = sync.site.requests + records.store.requests
        return report
    }

    private func cdnPaths(_ path: String) -> [String] {
        guard let cdn else { return [] }
        return cdn.paths.paths(forKey: cdn.keys.key(path))
    }
}
