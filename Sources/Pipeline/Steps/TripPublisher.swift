import Build
import Concurrency
import ContentStore
import Foundation
import Images
import Logging
import Publish
import Render
import TabiCore

/// Puts a shard's built trips into the bucket and takes its withdrawn ones out, in the order that
/// keeps the site whole for readers: new media, then pages, then the pages that go; then the
/// records (so a run killed before them does the work again, and one killed after finds it done),
/// then the marker that hands the finalize step what to invalidate and which media may go.
struct TripPublisher: Sendable {
    let sync: SiteSync
    let records: StateRecords
    let cdn: NightlyOptions.CDN?
    let logger: Logger

    /// How many trips' pages are rendered (on every core) and put at a time: what a run holds of
    /// pages does not grow with the number of trips it builds.
    var groupSize = 64
    /// The listing order as a run on one worker knows it before its pages go up, read while the
    /// first trips are built (nil: a shard of several, whose pages go up without links to their
    /// neighbours, and so do these when it could not be read).
    var linking: Task<Linking?, Never>?

    /// Builds `items` (the plan's new and changed trips) and puts them up: every derivative
    /// first (read back one at a time), then the pages a group of trips at a time, each group's
    /// pages let go once they are up. Then it takes the withdrawn trips out, and writes the
    /// records and the marker. Returns whether the marker was written, and the time spent
    /// building (the rest went to the stores).
    func publish(
        plan: TripPlan, building items: [TripPlan.Item], with builder: TripBuilder, published: PublishedDerivatives,
        buckets: [Int: TripRecordBucket], work: URL, marker: String, run: String, shard: TripShard,
        report: inout NightlyReport
    ) async -> (markerWritten: Bool, building: Duration) {
        var lines = Dictionary(
            uniqueKeysWithValues: plan.items.map {
                ($0.id, NightlyReport.TripLine(id: $0.id, slug: $0.slug, action: $0.action, reason: $0.reason))
            })
        for error in plan.broken {
            report.failures.append("\(error) (its pages stay as they are)")
        }
        var invalidate: Set<String> = []
        var trips: [PutTrip] = [], stored: [String: [String: String]] = [:]
        var relinked = Set<String>(), linked: [String: String] = [:], failedTrips = Set<String>()
        let clock = ContinuousClock()

        // MARK: - Media first: a page never goes up before the images it shows.
        var started = clock.now
        let photos = await builder.photos(of: items, published: published, work: work)
        var building = clock.now - started
        report.derivativesEncoded = photos.batch.encoded
        report.derivativesReused = photos.batch.reused
        let media = await sync.put(photos.encodedFiles, from: ConfinedFolder(work))
        report.uploaded += media.done
        report.failures += media.failures.map(\.description)
        let failedMedia = Set(media.failures.map(\.key))
        func failed(_ path: String) -> Bool { failedMedia.contains { $0.hasSuffix(path) } }

        // MARK: - Pages, a group of trips at a time (what a run holds of pages does not grow
        // with the trips it builds), each with its links when the order is known.
        let withdrawn = Set(plan.items(.withdrawn).map(\.id))
        var links: [String: (around: TripNeighbours, key: String)]?
        var pagesPut: [String] = []
        for start in stride(from: 0, to: items.count, by: groupSize) {
            started = clock.now
            let group = Array(items[start..<min(start + groupSize, items.count)])
            var built = [TripBuilder.Built?](repeating: nil, count: group.count)
            await slidingWindow(group.count, concurrency: builder.concurrency) { index in
                builder.render(group[index], photos: photos)
            } collect: { index, trip in
                built[index] = trip
            }
            building += clock.now - started
            if links == nil {
                links = await linking?.value?.neighbours(of: items.compactMap(\.placement), without: withdrawn) ?? [:]
            }
            var pageFiles: [StoredFile] = [], owner: [String: (id: String, linkKey: String?, invalidates: Bool)] = [:]
            for trip in built.compactMap(\.self) {
                let item = trip.item
                lines[item.id]?.failures += trip.failures.map(\.description)
                report.pagesRendered += trip.pages.count
                trips.append(PutTrip(trip))
                let missing = trip.media.filter(failed)
                if !missing.isEmpty {
                    lines[item.id]?.failures.append("its pages were not uploaded: \(missing.count) of its images could not be")
                    continue
                }
                for page in trip.pages {
                    let around = page.path == SiteRenderer.tripPagePath(item.slug) ? links?[item.id] : nil
                    var data = page.data
                    if let around, let linked = builder.renderer.withNeighbours(data, slug: item.slug, around.around) { data = linked }
                    let file = sync.prepare(page.path, data)
                    stored[item.id, default: [:]][page.path] = file.md5
                    let previous = item.record?.pages[page.path]
                    guard previous != file.md5 else { continue }
                    pageFiles.append(file)
                    owner[page.path] = (item.id, around?.key, previous != nil && file.needsInvalidation)
                }
            }
            let pages = await sync.put(pageFiles)
            pagesPut += pages.done
            for path in pages.done {
                guard let (id, linkKey, invalidates) = owner[path] else { continue }
                lines[id]?.uploads += 1
                if invalidates { invalidate.formUnion(cdnPaths(path)) }
                // Its links are those of the order as this run knows it, or none yet: the
                // finalize step puts others in where its order says.
                if let linkKey { linked[id] = linkKey } else { relinked.insert(id) }
            }
            for failure in pages.failures {
                report.failures.append(failure.description)
                if let path = owner.keys.first(where: { failure.key.hasSuffix($0) }), let id = owner[path]?.id {
                    failedTrips.insert(id)
                    lines[id]?.failures.append(failure.description)
                    stored[id]?[path] = nil
                }
            }
        }
        report.uploaded += pagesPut.sorted()
        for trip in trips where lines[trip.item.id]?.failures.isEmpty == false { failedTrips.insert(trip.item.id) }

        // MARK: - Pages that go: a withdrawn trip's, and a renamed trip's old ones.
        var gone: [(id: String, path: String)] = []
        for item in plan.items(.withdrawn) { gone += (item.record?.pages.keys.sorted() ?? []).map { (item.id, $0) } }
        for trip in trips where !failedTrips.contains(trip.item.id) {
            let kept = Set(trip.pages)
            gone += (trip.item.record?.pages.keys.sorted() ?? []).filter { !kept.contains($0) }.map { (trip.item.id, $0) }
        }
        let deleteFailures = await sync.site.delete(gone.map(\.path))
        let failedDeletes = Set(deleteFailures.map(\.key))
        report.failures += deleteFailures.map(\.description)
        var withdrawnFailed = Set<String>()
        for (id, path) in gone {
            if failedDeletes.contains(where: { $0.hasSuffix(path) }) {
                withdrawnFailed.insert(id)
                continue
            }
            report.deleted.append(path)
            lines[id]?.deletes += 1
            invalidate.formUnion(cdnPaths(path))
        }

        // MARK: - Records.
        var buckets = buckets
        var touched = Set<Int>()
        var dropped = Set<String>()
        for item in plan.items(.withdrawn) where !withdrawnFailed.contains(item.id) {
            dropped.formUnion(item.record?.media ?? [])
            buckets[item.bucket]?.trips[item.id] = nil
            touched.insert(item.bucket)
        }
        for trip in trips {
            let id = trip.item.id
            guard let inputs = trip.item.inputs else { continue }
            var pagesStored = trip.item.record?.pages ?? [:]
            for page in trip.pages { pagesStored[page] = stored[id]?[page] ?? trip.item.record?.pages[page] }
            let kept = Set(trip.pages)
            if !failedTrips.contains(id) { pagesStored = pagesStored.filter { kept.contains($0.key) } }
            // A trip that failed may still show its old pages, and they their old media: keep both.
            let media = failedTrips.contains(id) ? Array(Set(trip.media).union(trip.item.record?.media ?? [])).sorted() : trip.media
            dropped.formUnion(Set(trip.item.record?.media ?? []).subtracting(media))
            buckets[trip.item.bucket, default: TripRecordBucket()].trips[id] = TripRecord(
                slug: trip.item.slug, inputs: inputs, pages: pagesStored.compactMapValues { $0 }, media: media,
                photos: trip.photos, listing: trip.listing, failed: failedTrips.contains(id), content: trip.item.files,
                stamps: trip.item.stamps)
            touched.insert(trip.item.bucket)
        }
        for bucket in touched.sorted() {
            do { try await records.write(buckets[bucket] ?? TripRecordBucket(), TripRecordBucket.name(bucket)) } catch {
                report.failures.append(error.description)
            }
        }

        // MARK: - The marker: what the finalize step owes for this shard.
        let stillShown = Set(buckets.values.flatMap { $0.trips.values.flatMap(\.media) })
        report.orphans = dropped.subtracting(stillShown).sorted()
        report.owedInvalidation = invalidate.sorted()
        var markerWritten = false
        do {
            let earlier = try await records.read(ShardMarker.self, marker)
            let merged = ShardMarker(
                run: run, shard: shard.description,
                invalidate: Set(report.owedInvalidation).union(earlier?.invalidate ?? []).sorted(),
                orphans: Set(report.orphans).union(earlier?.orphans ?? []).sorted(),
                stamps: (earlier?.stamps ?? [:]).merging(plan.restamped) { _, new in new },
                relink: relinked.union(earlier?.relink ?? []).subtracting(linked.keys).sorted(),
                linked: (earlier?.linked ?? [:]).merging(linked) { _, new in new })
            try await records.write(merged, marker)
            markerWritten = true
        } catch {
            report.failures.append(error.description)
        }
        report.trips = lines.values.sorted { $0.id < $1.id }
        report.unchanged = plan.unchanged
        return (markerWritten, building)
    }

    /// A built trip once its pages went up: their paths only.
    private struct PutTrip {
        var item: TripPlan.Item
        var pages: [String]
        var media: [String]
        var photos: [String: PublishedPhoto]
        var listing: ListingEntry?

        init(_ built: TripBuilder.Built) {
            item = built.item
            pages = built.pages.map(\.path)
            media = built.media
            photos = built.photos
            listing = built.listing
        }
    }

    /// The CloudFront paths a site path is cached under (none without a distribution).
    private func cdnPaths(_ path: String) -> [String] {
        guard let cdn else { return [] }
        return cdn.paths.paths(forKey: cdn.keys.key(path))
    }
}
