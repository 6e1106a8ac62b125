import Build
import Concurrency
import ContentStore
import Draft
import Extract
import Foundation
import Images
import Logging
import Publish
import Render
import TabiCore

/// `tabi-press nightly`: one pipeline from PostgreSQL to CloudFront that costs what changed, on a
/// worker that keeps nothing but `Content/trips/`. It reads as its steps:
///
/// 1. **lock**: the run's lease in the state store (``RunLease``);
/// 2. **extract** `--changed`, this shard's trips only;
/// 3. **draft** the trips whose facts changed (edited stories are kept, the draft goes beside them);
/// 4. **plan**: each trip's inputs against its record: new, changed, unchanged, withdrawn;
/// 5. **build** the new and changed trips only, reusing every derivative the bucket has, and
/// 6. **publish** them: media, then pages a group of trips at a time (``TripPublisher``); delete
///    what went; write the records and the marker;
/// 7. **finalize** (once all shards are done): listings, orphaned media, one invalidation.
public struct NightlyRunner: Sendable {
    public let options: NightlyOptions
    let logger: Logger

    public init(options: NightlyOptions, logger: Logger = Logger(label: "tabi.nightly")) {
        self.options = options
        self.logger = logger
    }

    /// Runs the steps. Throws only when the run cannot go on (lock held, database, model, bucket
    /// or settings): exit code 2. Trips and photos that fail are in the report (exit code 1).
    public func run() async throws(NightlyError) -> NightlyReport {
        let clock = ContinuousClock(), start = clock.now
        var report = NightlyReport(run: options.run, shard: options.shard)
        report.dryRun = options.dryRun
        var stepStart = clock.now
        func step(_ name: String) {
            report.steps.append((name, clock.now - stepStart))
            stepStart = clock.now
        }
        let records = StateRecords(store: options.state)
        let lease = RunLease(records: records, run: options.run, duration: options.leaseDuration, logger: logger)

        // MARK: 1. Lock
        if !options.dryRun {
            do { try await lease.acquire() } catch { throw .lock(error) }
            step("lock")
        }
        // Extended a third of the way through each term while this run lasts; cancelled (and
        // awaited) when the run returns or throws.
        async let _ = Self.keepAlive(options.dryRun ? nil : lease, term: options.leaseDuration)

        // MARK: 2. Extract
        if !options.skipExtract {
            report.extract = try await extract(dryRun: options.dryRun)
            step("extract")
        }

        // MARK: 3. Draft
        let content = ContentDirectory(root: options.content)
        if let narrator = options.narrator {
            report.draft = try await draft(narrator: narrator, content: content)
            step("draft")
        }

        // MARK: 4. Plan
        let theme: Theme, rules: HeaderRules, inputs: TripInputs
        do { theme = try Theme.load(from: options.theme) } catch { throw .setup("cannot load the theme: \(error)") }
        do { rules = try HeaderRules(settings: options.config.publish) } catch { throw .setup("\(error)") }
        do { inputs = try TripInputs(configText: options.configText, theme: options.theme, keepsHeaders: options.site.keepsHeaders) } catch
        {
            throw .setup("cannot read the theme: \(error)")
        }
        let renderer = SiteRenderer(config: options.config, theme: theme)
        let buckets: [Int: TripRecordBucket]
        var plan: TripPlan
        // Content/trips/ is looked at while the records are read.
        async let stamped = BlockingThread.run(named: "tabi-plan") {
            Result { () throws(ContentError) in try content.tripStamps() }
        }
        let (known, tags, fresh) = try await knownTrips(records)
        var index = known
        if options.shard.isWhole, options.autoFinalize, !options.dryRun {
            // Finalize reads it first thing, every night: read while the plan is made.
            index.site = records.start { records throws(StoreError) in try await records.read(SiteRecord.self, SiteRecord.name) }
        }
        do {
            plan = try TripPlan.make(
                content: content, stamped: await stamped.get(), shard: options.shard, inputs: inputs,
                known: index.index.trips, rehash: options.rehash)
        } catch {
            throw .setup("cannot read the content: \(error)")
        }
        // The trips it builds or takes out have their records rewritten whole: read them.
        var loaded = fresh
        do {
            let unread = plan.bucketsToRead.filter { loaded[$0] == nil }
            for (number, bucket) in try await records.tripBuckets(unread, existing: tags) { loaded[number] = bucket }
        } catch {
            throw .state(error)
        }
        report.recordBucketsRead = loaded.values.count { $0.tag != nil }
        report.tripFilesRead = plan.filesRead
        buckets = loaded.mapValues(\.record)
        plan = plan.attaching(buckets)
        step("plan")
        if options.dryRun {
            report.trips = Self.dryRunLines(plan, extract: report.extract)
            report.failures = plan.broken.map(\.description)
            report.duration = clock.now - start
            return report
        }
        let deletes = plan.items(.withdrawn).reduce(0) { $0 + ($1.record?.pages.count ?? 0) }
        if deletes > options.maxDeletes {
            throw .refused(
                "the run would delete \(deletes) pages of \(plan.items(.withdrawn).count) withdrawn trips, more than "
                    + "--max-deletes \(options.maxDeletes); check the database and --content, then raise --max-deletes to go ahead")
        }

        // MARK: 5–6. Build and publish, a group of trips at a time
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tabi-nightly-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var published = PublishedDerivatives()
        for bucket in buckets.values {
            let known = bucket.published
            published.originals.merge(known.originals) { first, _ in first }
            published.derivatives.merge(known.derivatives) { first, _ in first }
        }
        let builder = TripBuilder(
            content: content, renderer: renderer, limits: options.config.imageLimits, media: options.media,
            concurrency: options.concurrency)
        let sync = SiteSync(site: options.site, rules: rules, concurrency: options.concurrency)
        let marker = ShardMarker.name(run: options.run, shard: options.shard)
        var publisher = TripPublisher(sync: sync, records: records, cdn: options.cdn, logger: logger)
        // One worker finalizes right after: its pages go up with their links in, from the
        // listing index (which finalize reads anyway, and which is read while the trips are
        // built), and need no second put.
        let toBuild = plan.toBuild
        var listedRead: StateRecords.Pending<(record: ListingIndex, parts: IndexParts)>?
        if options.shard.isWhole, options.autoFinalize, !toBuild.isEmpty {
            let read = records.start { records throws(StoreError) in
                try await records.read(ListingIndex.self) ?? (ListingIndex(), IndexParts())
            }
            listedRead = read
            let siteKey = inputs.siteKey
            publisher.linking = Task {
                guard case .success(let listed) = await read.value else { return nil }
                return TripPublisher.Linking(listed: listed.record.entries.entries, siteKey: siteKey)
            }
        }
        let (markerWritten, building) =
            await publisher
            .publish(
                plan: plan, building: toBuild, with: builder, published: published, buckets: buckets,
                work: work, marker: marker, run: options.run, shard: options.shard, report: &report)
        switch await listedRead?.value {
        case .success(let listed)?: index.listed = (listed.record, listed.parts)
        case .failure(let error)?:
            logger.warning("cannot read the listing index (\(error)); the pages went up without their links, which finalize puts in")
        case nil: break
        }
        // Two steps, as the report has always named them: building, and the stores' part.
        let spent = clock.now - stepStart
        report.steps.append(("build", building))
        report.steps.append(("publish", spent - building))
        stepStart = clock.now

        // MARK: 7. Finalize
        if options.autoFinalize,
            await FinalizeClaim(records: records, run: options.run, shard: options.shard, logger: logger)
                .claim(markerWritten: markerWritten)
        {
            report.finalize = await finalize(
                renderer: renderer, siteKey: inputs.siteKey, sync: sync, records: records, lease: lease, index: index)
            step("finalize")
        }
        report.requests = options.site.requests + (options.state.location == options.site.location ? 0 : options.state.requests)
        report.duration = clock.now - start
        return report
    }

    /// Every trip's record in short: the index the last finalize step left, with this shard's
    /// record buckets written since read again (those are returned too, in full), and the tags
    /// of the record buckets there are.
    private func knownTrips(_ records: StateRecords) async throws(NightlyError)
        -> (index: Finalizer.KnownIndex, tags: [Int: String], fresh: [Int: TaggedBucket])
    {
        do {
            let tags = try await records.tripBucketTags()
            let (read, parts) = try await records.read(SiteIndex.self) ?? (SiteIndex(), IndexParts())
            var index = read
            let stale = index.trips.staleBuckets(options.shard.buckets, current: tags)
            let fresh = try await records.tripBuckets(stale, existing: tags)
            for (number, bucket) in fresh { index.trips.update(bucket: number, from: bucket, entry: SiteIndex.Trip.init) }
            return (Finalizer.KnownIndex(index: index, parts: parts, original: read, listed: nil), tags, fresh)
        } catch {
            throw .state(error)
        }
    }

    /// The finalize step alone (`--finalize`): takes the lock for the run, writes the listings,
    /// deletes orphaned media, sends the invalidation, and gives the lock up.
    public func finalizeOnly() async throws(NightlyError) -> FinalizeReport {
        let records = StateRecords(store: options.state)
        let lease = RunLease(records: records, run: options.run, duration: options.leaseDuration, logger: logger)
        do { try await lease.acquire() } catch { throw .lock(error) }
        async let _ = Self.keepAlive(lease, term: options.leaseDuration)
        let theme: Theme, rules: HeaderRules
        do { theme = try Theme.load(from: options.theme) } catch { throw .setup("cannot load the theme: \(error)") }
        do { rules = try HeaderRules(settings: options.config.publish) } catch { throw .setup("\(error)") }
        let inputs: TripInputs
        do { inputs = try TripInputs(configText: options.configText, theme: options.theme, keepsHeaders: options.site.keepsHeaders) } catch
        {
            throw .setup("cannot read the theme: \(error)")
        }
        let sync = SiteSync(site: options.site, rules: rules, concurrency: options.concurrency)
        return await finalize(
            renderer: SiteRenderer(config: options.config, theme: theme), siteKey: inputs.siteKey, sync: sync,
            records: records, lease: lease)
    }

    /// Keeps `lease` (none on a dry run) for as long as the calling run lasts.
    private static func keepAlive(_ lease: RunLease?, term: Duration) async {
        await lease?.keepAlive(every: term / 3)
    }

    /// `index`: the site index as this run read it, so it is not read again (nil: read it).
    private func finalize(
        renderer: SiteRenderer, siteKey: String, sync: SiteSync, records: StateRecords,
        lease: RunLease, index: Finalizer.KnownIndex? = nil
    ) async -> FinalizeReport {
        let report = await Finalizer(
            sync: sync, records: records, renderer: renderer, cdn: options.cdn, run: options.run,
            siteKey: siteKey, logger: logger, now: { Date() }, known: index
        ).finalize()
        if report.failures.isEmpty { await lease.release() }
        return report
    }

    // MARK: - The stages it chains

    /// What a dry run says per trip: the plan, corrected by what extract would change first.
    static func dryRunLines(_ plan: TripPlan, extract: ExtractReport?) -> [NightlyReport.TripLine] {
        var lines = Dictionary(
            uniqueKeysWithValues: plan.items.map {
                ($0.id, NightlyReport.TripLine(id: $0.id, slug: $0.slug, action: $0.action, reason: $0.reason))
            })
        for trip in plan.unchanged { lines[trip.id] = .init(unchanged: trip) }
        for (trip, isNew) in extract?.toRead ?? [] {
            let published = lines[trip.id].map { $0.action != .new } ?? false
            lines[trip.id] = .init(
                id: trip.id, slug: trip.slug, action: published ? .changed : .new,
                reason: isNew || !published ? "new in the database" : "its public data changed in the database")
        }
        for trip in extract?.withdrawn ?? [] {
            lines[trip.id] = .init(id: trip.id, slug: trip.slug, action: .withdrawn, reason: "private or deleted in the database")
        }
        return lines.values.sorted { $0.id < $1.id }
    }

    private func extract(dryRun: Bool) async throws(NightlyError) -> ExtractReport {
        var extractOptions = ExtractOptions(
            content: options.content, changedOnly: true, dryRun: dryRun,
            maxWithdrawals: options.maxWithdrawals)
        extractOptions.shard = options.shard
        let shardOptions = extractOptions
        let databaseURL = options.databaseURL, logger = self.logger
        let result = await BlockingThread.run(named: "tabi-extract") { () -> Result<ExtractReport, ExtractError> in
            Result { () throws(ExtractError) in try Extractor(options: shardOptions, logger: logger).run(databaseURL: databaseURL) }
        }
        do { return try result.get() } catch { throw .extract(error) }
    }

    private func draft(narrator: any Narrator, content: ContentDirectory) async throws(NightlyError) -> DraftReport? {
        var slugs: [String] = []
        if !options.shard.isWhole {
            let (all, _) = (try? content.slugs()) ?? ([], [])
            slugs = all.filter { slug in (try? content.trip(slug)).map { options.shard.contains(tripID: $0.id) } ?? false }
            if slugs.isEmpty { return nil }
        }
        let draftOptions = DraftOptions(
            content: options.content, settings: options.config.narrator, language: options.config.language,
            slugs: slugs, concurrency: min(options.concurrency, 4))
        let report: DraftReport
        do {
            report = try await DraftRunner(options: draftOptions, narrator: narrator, prompt: options.prompt, logger: logger).run()
        } catch {
            throw .draft(error.description)
        }
        if let refusal = report.stoppedBy { throw .draft(refusal) }
        return report
    }
}

/// Why a nightly run could not go on (exit code 2).
public enum NightlyError: Error, Sendable, CustomStringConvertible {
    case lock(LeaseError)
    case extract(ExtractError)
    case draft(String)
    case state(StoreError)
    case setup(String)
    case refused(String)

    public var description: String {
        switch self {
        case .lock(let error): "\(error)"
        case .extract(let error): "extract: \(error)"
        case .draft(let message): "draft: \(message)"
        case .state(let error): "cannot read the state: \(error)"
        case .setup(let message): message
        case .refused(let message): message
        }
    }
}
