import AWS
import Concurrency
import Crypto
import Foundation
import Gzip
import Logging
import Publish
import Render
import TabiCore

/// The step that runs once per night after every shard: the listings (home page, feed, sitemap,
/// 404 page, robots.txt) and the theme's assets, written from the records alone (no trip is read);
/// the media no trip shows any more, deleted; one CloudFront invalidation for everything the
/// shards changed. The shards' markers go only once all that is done, so a finalize step that
/// was stopped is done again, whole, by the next one.
///
/// It costs what changed: the records come from the ``SiteIndex`` and only the record buckets
/// written since it was made are read; when none was, the theme and settings are the same and no
/// shard left work, nothing is read or written but the markers. Only a night that leaves media
/// without a page (a withdrawn trip, a photo taken out) reads every record bucket, to be sure no
/// other trip shows them.
struct Finalizer: Sendable {
    let sync: SiteSync
    let records: StateRecords
    let renderer: SiteRenderer
    let cdn: NightlyOptions.CDN?
    let run: String
    /// ``TripInputs/siteKey``: the settings and theme the listings are made with.
    let siteKey: String
    let logger: Logger
    let now: @Sendable () -> Date
    /// The site index as the run read it (its stale buckets are read again like any other's);
    /// nil: it is read here.
    var known: KnownIndex?

    /// The site index as a run read it and brought up to date, with the parts and the record
    /// they were read as (what is compared to write only the parts that changed).
    struct KnownIndex: Sendable {
        var index: SiteIndex
        var parts: IndexParts
        var original: SiteIndex
        /// The listing index as the run read it, with its parts (nil: read here).
        var listed: (index: ListingIndex, parts: IndexParts)?
        /// ``SiteRecord`` as a run on one worker read it while it planned (nil: read here). Only
        /// the finalize step writes it, and the run holds the lease.
        var site: StateRecords.Pending<SiteRecord?>?
    }

    func finalize() async -> FinalizeReport {
        let clock = ContinuousClock(), start = clock.now
        var report = await steps()
        report.duration = clock.now - start
        return report
    }

    private func steps() async -> FinalizeReport {
        var report = FinalizeReport()

        // MARK: - What the shards left, and what the record buckets are now.
        let markers: [(name: String, marker: ShardMarker)]
        let claims: [String]
        let tags: [Int: String]
        let site: SiteRecord
        do {
            var found: [(String, ShardMarker)] = []
            var claimed: [String] = []
            let listing = try await records.listing()
            for name in listing.keys.filter({ $0.hasPrefix(ShardMarker.folder) }).sorted() {
                if name.hasSuffix(ShardMarker.claimSuffix) { claimed.append(name) }
                guard name.hasSuffix(".json") else { continue }
                if let marker = try await records.read(ShardMarker.self, name) { found.append((name, marker)) }
            }
            markers = found
            claims = claimed
            tags = StateRecords.tripBucketTags(in: listing)
            if let read = known?.site {
                site = try await read.value.get() ?? SiteRecord()
            } else {
                site = try await records.read(SiteRecord.self, SiteRecord.name) ?? SiteRecord()
            }
        } catch {
            report.failures.append(error.description)
            return report
        }
        report.shardsCollected = markers.map(\.marker.shard)
        let fingerprint = SiteIndex.fingerprint(siteKey: siteKey, tags: tags)
        if site.listedFrom == fingerprint, markers.allSatisfy(\.marker.isEmpty) {
            report.listedTrips = site.listed ?? 0
            await deleteMarkers(markers, claims: claims, report: &report)
            return report
        }

        // MARK: - Every trip's record in short: the indexes, with the buckets written since read again.
        var index: SiteIndex, listed: ListingIndex
        var indexParts = IndexParts(), listedParts = IndexParts()
        var indexRead: SiteIndex
        let listedRead: ListingIndex
        var read: [Int: TaggedBucket] = [:]
        let order: [ListingPlacement]
        var listedTrips: [String: ListedTrip] = [:]
        do {
            if let known {
                (index, indexParts, indexRead) = (known.index, known.parts, known.original)
            } else {
                (index, indexParts) = try await records.read(SiteIndex.self) ?? (SiteIndex(), IndexParts())
                indexRead = index
            }
            if let read = known?.listed {
                (listed, listedParts) = read
            } else {
                (listed, listedParts) = try await records.read(ListingIndex.self) ?? (ListingIndex(), IndexParts())
            }
            listedRead = listed
            let all = Array(0..<TripShard.bucketCount)
            let stale = Set(index.trips.staleBuckets(all, current: tags) + listed.entries.staleBuckets(all, current: tags))
            read = try await records.tripBuckets(stale.sorted(), existing: tags)
            for (number, bucket) in read {
                index.trips.update(bucket: number, from: bucket, entry: SiteIndex.Trip.init)
                listed.entries.update(bucket: number, from: bucket, entry: ListingIndex.entry)
            }
            // Stamps the shards found on files they read again and found the same.
            for (id, stamps) in markers.flatMap({ ($0.marker.stamps ?? [:]).map { $0 } }) {
                index.trips.modify(id) { $0.stamps = stamps }
            }
            listedTrips = listed.entries.entries
            order = listedTrips.values.map(\.placement).sortedNewestFirst()
            // The feed carries its trips' story HTML, which the index keeps for those only.
            let feed = order.prefix(SiteRenderer.feedEntryCount).map(\.id)
            let unread = Set(feed.filter { listed.feed[$0] == nil }.map { TripShard.bucket(of: $0) }.filter { read[$0] == nil })
            read.merge(try await records.tripBuckets(unread.sorted(), existing: tags)) { first, _ in first }
            var html: [String: String] = [:]
            for id in feed {
                let record = read[TripShard.bucket(of: id)]?.record.trips[id]
                html[id] = record.map { $0.listing?.storyHTML ?? "" } ?? listed.feed[id] ?? ""
            }
            listed.feed = html
        } catch {
            report.failures.append(error.description)
            return report
        }
        report.recordBucketsRead = read.values.count { $0.tag != nil }
        report.listedTrips = order.count
        let trips = listedTrips

        /// The entries of `ids`, decoded from the index; nil when one cannot be (its bucket is
        /// dropped from the index, so the next run reads it again).
        func entries(_ ids: [String], withStory: Bool = false) -> [ListingEntry]? {
            var shown: [ListingEntry] = []
            for id in ids {
                guard let trip = trips[id] else { continue }
                do {
                    var entry = try trip.entry()
                    if withStory { entry.storyHTML = listed.feed[id].flatMap { $0.isEmpty ? nil : $0 } }
                    shown.append(entry)
                } catch {
                    report.failures.append(
                        "trip \(id): its entry in \(ListingIndex.folder) cannot be read (\(error)); the next run reads its record again")
                    listed.entries.buckets[TripRecordBucket.name(TripShard.bucket(of: id))] = nil
                    return nil
                }
            }
            return shown
        }

        // MARK: - Assets, then listings, each only when its bytes changed; a listing page only when what it shows did.
        var invalidate = Set(markers.flatMap(\.marker.invalidate))
        var record = SiteRecord()
        record.pageKeys = [:]
        let assets = renderer.assets().map { sync.prepare($0.path, $0.data) }
        var listings: [StoredFile] = []
        let pages = ListingPages.make(order, pageSize: renderer.pageSize)
        // The sitemap names every listed trip: made (and compressed) on a thread of its own meanwhile.
        async let sitemap = BlockingThread.run(named: "tabi-sitemap") { [renderer, sync] in
            (renderer.renderSitemap(order, pages: pages) + renderer.fixedPages()).map { sync.prepare($0.path, $0.data) }
        }
        for page in pages {
            let key = pageKey(page, trips)
            if site.pageKeys?[page.path] == key, let md5 = site.files[page.path] {
                record.files[page.path] = md5
                record.pageKeys?[page.path] = key
                continue
            }
            guard let shown = entries(page.ids) else {
                // Kept as it is, and rendered again by the next run (which has no key for it).
                record.files[page.path] = site.files[page.path]
                continue
            }
            record.pageKeys?[page.path] = key
            listings.append(sync.prepare(page.path, renderer.renderListingPage(page, trips: shown).data))
        }
        report.listingPagesRendered = listings.count
        if let newest = entries(Array(order.prefix(SiteRenderer.feedEntryCount).map(\.id)), withStory: true) {
            let feed = renderer.renderFeed(newest)
            listings.append(sync.prepare(feed.path, feed.data))
        } else if let md5 = site.files[SiteRenderer.feedPath] {
            record.files[SiteRenderer.feedPath] = md5
        }
        listings += await sitemap
        for group in [assets, listings] {
            let changed = group.filter { site.files[$0.path] != $0.md5 }
            let put = await sync.put(changed)
            report.uploaded += put.done
            report.failures += put.failures.map(\.description)
            for file in group {
                let failed = put.failures.contains { $0.key.hasSuffix(file.path) }
                record.files[file.path] = failed ? site.files[file.path] : file.md5
                if failed { record.pageKeys?[file.path] = nil }
                if !failed, site.files[file.path] != nil, site.files[file.path] != file.md5, file.needsInvalidation {
                    invalidate.formUnion(cdnPaths(file.path))
                }
            }
            if !put.failures.isEmpty { break }
        }
        if report.failures.isEmpty {
            let relink = Set(markers.flatMap { $0.marker.relink ?? [] })
            var linked: [String: String] = [:]
            for marker in markers { linked.merge(marker.marker.linked ?? [:]) { _, later in later } }
            (record.links, record.linkedChunks) = await relinkTripPages(
                order, relink: relink, linked: linked, known: site, report: &report, invalidate: &invalidate)
        } else {
            (record.links, record.linkedChunks) = (site.links, site.linkedChunks)
        }
        // Assets of earlier themes are left: pages still cached by readers may point at them.
        for (path, md5) in site.files where record.files[path] == nil && PublishStage.of(path) == .assets {
            record.files[path] = md5
        }
        // Listing pages there are no more of (fewer trips, a tag no trip has) go.
        let emptied = site.files.keys.filter { path in
            record.files[path] == nil && PublishStage.listingFolders.contains { path.hasPrefix($0) }
        }.sorted()
        if report.failures.isEmpty, !emptied.isEmpty {
            let failures = await sync.site.delete(emptied)
            report.failures += failures.map(\.description)
            for path in emptied {
                if failures.contains(where: { $0.key.hasSuffix(path) }) {
                    record.files[path] = site.files[path]
                } else {
                    report.deleted.append(path)
                    invalidate.formUnion(cdnPaths(path))
                }
            }
        } else {
            for path in emptied { record.files[path] = site.files[path] }
        }

        // MARK: - Media no trip shows any more (every record bucket read to be sure).
        var orphans = Set(markers.flatMap(\.marker.orphans))
        if report.failures.isEmpty, !orphans.isEmpty {
            do {
                let unread = (0..<TripShard.bucketCount).filter { read[$0] == nil }
                read.merge(try await records.tripBuckets(unread, existing: tags)) { first, _ in first }
                report.recordBucketsRead = read.values.count { $0.tag != nil }
                orphans.subtract(read.values.flatMap { $0.record.trips.values.flatMap(\.media) })
            } catch {
                report.failures.append(error.description)
                orphans = []
            }
        }
        let gone = orphans.sorted()
        if report.failures.isEmpty, !gone.isEmpty {
            let failures = await sync.site.delete(gone)
            report.failures += failures.map(\.description)
            for path in gone where !failures.contains(where: { $0.key.hasSuffix(path) }) {
                report.deleted.append(path)
                invalidate.formUnion(cdnPaths(path))
            }
        }

        // MARK: - One invalidation for the night.
        if let cdn, !invalidate.isEmpty {
            let batch = cdn.batcher.batch(invalidate, root: cdn.paths.root(of: cdn.keys))
            let reference = "tabi-nightly-" + ContentHash.sha256(run + "\n" + batch.joined(separator: "\n")).prefix(24)
            do {
                let invalidation = try await cdn.client.createInvalidation(
                    distributionId: cdn.distributionId, paths: batch,
                    callerReference: String(reference))
                report.invalidationId = invalidation.id
                report.invalidatedPaths = batch
            } catch {
                report.failures.append("CreateInvalidation on \(cdn.distributionId): \(error); the next finalize sends it")
            }
        }

        // MARK: - The index and the record, then the markers (only when all of it went through).
        do {
            report.indexPartsWritten = try await records.write(index, over: indexParts, original: indexRead)
            report.indexPartsWritten += try await records.write(listed, over: listedParts, original: listedRead)
        } catch {
            report.failures.append(error.description)
        }
        record.listed = order.count
        record.listedFrom = report.failures.isEmpty ? fingerprint : nil
        do { try await records.write(record, SiteRecord.name) } catch { report.failures.append(error.description) }
        await deleteMarkers(markers, claims: claims, report: &report)
        return report
    }

    /// Deletes the shards' markers, then the finalize claims, once all they asked for is done,
    /// and counts the requests. The claims go last and only when every marker went: a claim
    /// gone means its run's markers are gone, so a late shard that wins a claim after it sees
    /// the markers missing and stands down (see ``FinalizeClaim``).
    private func deleteMarkers(_ markers: [(name: String, marker: ShardMarker)], claims: [String], report: inout FinalizeReport) async {
        if report.failures.isEmpty {
            let failures = markers.isEmpty ? [] : await records.store.delete(markers.map(\.name))
            for failure in failures { logger.warning("\(failure)") }
            if failures.isEmpty, !claims.isEmpty {
                for failure in await records.store.delete(claims) { logger.warning("\(failure)") }
            }
        }
        report.requests = sync.site.requests + records.store.requests
    }

    /// Puts the links to the newer and older trip into the pages that need them: those a shard
    /// put without them tonight (`relink`) or with links of another order than this one
    /// (`linked`: trip id → the key of the links it put in), and those whose neighbours' slugs or
    /// titles changed (a trip came, went or moved). Only the links change: the stored page is
    /// read, the part between its markers replaced, and the page put back (and invalidated) when
    /// that changed a byte.
    /// Returns the keys of the pages whose links are now right (a page that failed has none, so
    /// the next run tries it again) and the ``LinkKeys/chunks(_:)`` they are right for.
    ///
    /// A run of the order whose hash is the one `known` has keeps its keys: only the pages put
    /// tonight (`relink`, `linked`) are looked at in it. In the others, each trip's key is worked out.
    private func relinkTripPages(
        _ order: [ListingPlacement], relink: Set<String>, linked: [String: String], known: SiteRecord,
        report: inout FinalizeReport, invalidate: inout Set<String>
    ) async -> (links: [String: String], chunks: [String]) {
        let keys = LinkKeys(siteKey: siteKey)
        var chunks = keys.chunks(order)
        let knownLinks = known.links ?? [:], knownChunks = known.linkedChunks ?? []
        var links = knownChunks.isEmpty ? [:] : knownLinks
        links.reserveCapacity(order.count)
        var todo: [(id: String, slug: String, neighbours: TripNeighbours, key: String, chunk: Int)] = []
        for (chunk, hash) in chunks.enumerated() {
            let same = chunk < knownChunks.count && knownChunks[chunk] == hash
            for index in LinkKeys.positions(ofChunk: chunk, in: order.count) {
                let trip = order[index]
                let putTonight = relink.contains(trip.id) || linked[trip.id] != nil
                if same, !putTonight, knownLinks[trip.id] != nil { continue }
                let around = TripNeighbours(
                    newer: index > 0 ? order[index - 1] : nil, older: index + 1 < order.count ? order[index + 1] : nil)
                let key = keys.key(around)
                // The key of the links the stored page has (none: put tonight without them).
                let stored = relink.contains(trip.id) ? nil : linked[trip.id] ?? knownLinks[trip.id]
                if stored == key {
                    links[trip.id] = key
                } else {
                    links[trip.id] = nil
                    todo.append((trip.id, trip.slug, around, key, chunk))
                }
            }
        }
        // Trips no longer listed (or a record that kept keys of another order) keep none.
        if links.count > order.count - todo.count {
            let listed = Set(order.map(\.id))
            links = links.filter { listed.contains($0.key) }
        }
        enum Outcome: Sendable { case same, put(StoredFile), failed(String) }
        let (site, renderer, sync, jobs) = (self.sync.site, self.renderer, self.sync, todo)
        await slidingWindow(jobs.count, concurrency: sync.concurrency) { index -> Outcome in
            let job = jobs[index]
            let path = SiteRenderer.tripPagePath(job.slug)
            do throws(StoreError) {
                guard let stored = try await site.read(path) else {
                    return .failed("\(path) is not in the site store; its links go in when it is")
                }
                let page: Data
                do { page = stored.starts(with: [0x1F, 0x8B]) ? try Gzip.decompress(stored, maxBytes: 64 << 20) : stored } catch {
                    return .failed("\(path) cannot be read back (\(error)); its links go in when it is put again")
                }
                // A theme that shows no such links leaves the page as it is.
                guard let linked = renderer.withNeighbours(page, slug: job.slug, job.neighbours) else { return .same }
                let file = sync.prepare(path, linked)
                guard file.data != stored else { return .same }
                try await site.write(path, file.data, md5: file.md5, attributes: file.attributes)
                return .put(file)
            } catch {
                return .failed(error.description)
            }
        } collect: { index, outcome in
            let job = jobs[index]
            switch outcome {
            case .same:
                links[job.id] = job.key
            case .put(let file):
                links[job.id] = job.key
                report.tripPagesRelinked += 1
                report.uploaded.append(file.path)
                // A page a shard put tonight is invalidated as the shard said (not at all when
                // it is new): the night's one invalidation is sent after this put anyway.
                if file.needsInvalidation, !relink.contains(job.id), linked[job.id] == nil {
                    invalidate.formUnion(cdnPaths(file.path))
                }
            case .failed(let reason):
                chunks[job.chunk] = ""
                report.failures.append("trip \(job.slug): its links to the newer and older trip: \(reason)")
            }
        }
        return (links, chunks)
    }

    /// What a listing page is made from: the site's settings and theme, where it stands among
    /// the pages of its listing, and the entries of the trips it shows. The SHA-256 of those
    /// lines, put together and hashed in one go (a hash update per line cost more than the hashing).
    private func pageKey(_ page: ListingPage, _ trips: [String: ListedTrip]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + page.ids.count * 65)
        var first = true
        func line(_ text: String) {
            if !first { bytes.append(UInt8(ascii: "\n")) }
            first = false
            bytes += text.utf8
        }
        line(siteKey)
        line(page.path)
        line("\(page.number)/\(page.count)")
        switch page.kind {
        case .home: break
        case .tag(let tag): line(tag.name)
        case .tags(let tags): for tag in tags { line("\(tag.tag.slug)\t\(tag.tag.name)\t\(tag.trips)") }
        }
        for id in page.ids { line(trips[id]?.hash ?? "") }
        return ContentHash.hex(SHA256.hash(data: bytes))
    }

    private func cdnPaths(_ path: String) -> [String] {
        guard let cdn else { return [] }
        return cdn.paths.paths(forKey: cdn.keys.key(path))
    }
}
