import ContentStore
import Foundation
import Logging
import PostgresClient
import TabiCore

/// The extract stage: public trips out of the app's PostgreSQL into `Content/trips/<slug>/trip.json`.
///
/// One run: open a repeatable-read, read-only snapshot and export it; start the four streams
/// (trips, destinations, posts, photos), each a cursor (the photos two, in halves) on a connection
/// of its own that joins that snapshot (``TripStream``); read `Content/`; list the candidate trips (one query) and plan; merge
/// the streams trip by trip on this thread while a few more decode, hash, encode and write each
/// trip (``WritingThreads``); end the snapshot; withdraw what is no longer public.
///
/// It blocks its thread (libpq is blocking and a connection belongs to one thread); callers run it
/// off Swift's cooperative pool (the CLI runs it as a plain synchronous command).
public struct Extractor {
    public var options: ExtractOptions
    public var logger: Logger
    /// Runs after the plan is made and before the trips are read (tests change the database here
    /// to show that the run still reads one snapshot).
    var afterPlanning: () -> Void = {}

    public init(
        options: ExtractOptions, logger: Logger = Logger(label: "tabi-press.extract")
    ) {
        self.options = options
        self.logger = logger
    }

    /// Connects (a URL or conninfo string; nil or empty for libpq's environment) and runs.
    public func run(databaseURL: String?) throws(ExtractError) -> ExtractReport {
        let connection: Connection
        do { connection = try Connection(databaseURL, applicationName: "tabi-press extract") } catch {
            throw .cannotConnect(error)
        }
        return try run(on: connection)
    }

    /// Runs on an open connection, which is left open (and outside any transaction) afterwards.
    public func run(on connection: Connection) throws(ExtractError) -> ExtractReport {
        let clock = ContinuousClock()
        let started = clock.now
        let content = ContentDirectory(root: options.content)
        let writer = TripWriter(content: content, logger: logger)
        var report = ExtractReport()
        let statementsBefore = connection.statementCount
        let readsEverything = options.tripIds.isEmpty && !options.changedOnly && !options.dryRun && options.shard.isWhole

        // The snapshot first; reading everything, the streams start right away, so the server
        // sorts while this side reads Content/ and lists the candidates.
        var stream: TripStream?
        let snapshot: String?
        do {
            try connection.execute(SourceQueries.begin, operation: "open a read-only snapshot")
            snapshot = options.parallelReads ? try exportSnapshot(connection) : nil
            if readsEverything { stream = try openStream(connection, snapshot: snapshot, tripIds: nil) }
        } catch {
            throw .database(error)
        }
        defer { try? connection.execute("ROLLBACK", operation: "end the snapshot") }
        let inventory = try ContentInventory.scan(content)
        inventory.problems.forEach { writer.note($0, in: &report) }

        let plan: ExtractPlan
        do {
            let candidates = try readCandidates(connection)
            plan = ExtractPlan.make(
                candidates: candidates, inventory: inventory, tripIds: options.tripIds,
                changedOnly: options.changedOnly
            )
            .limited(to: options.shard)
        } catch {
            throw .database(error)
        }
        report.unchanged = plan.unchanged.map { .init(id: $0.id, slug: $0.slug) }
        report.notFound = plan.notFound
        for id in plan.notFound {
            logger.notice("trip \(id) is not public or unlisted, or does not exist: nothing to extract")
        }
        logger.debug("plan: \(plan.fetch.count) to read, \(plan.unchanged.count) unchanged, \(plan.withdraw.count) to withdraw")
        if options.dryRun {
            report.dryRun = true
            report.toRead = plan.fetch.map { (.init(id: $0.id, slug: $0.slug), $0.isNew) }
            report.withdrawn = plan.withdraw.map { .init(id: $0.id, slug: $0.slug) }
            report.toRename = plan.fetch.compactMap { item in item.renamedFrom.map { .init(id: item.id, slug: item.slug, from: $0) } }
            return report
        }
        // Before anything is written: a run against the wrong (or an emptied) database would
        // otherwise take every trip off the site.
        if plan.withdraw.count > options.maxWithdrawals {
            throw .tooManyWithdrawals(count: plan.withdraw.count, limit: options.maxWithdrawals)
        }

        // Withdrawals a killed run left half done are finished before anything else is written.
        for slug in WithdrawnTrips(content).completePending(among: inventory.takenSlugs.sorted()) {
            logger.notice("finished withdrawing \(slug): a run was stopped while moving it aside")
        }
        let writing = WritingThreads(writer)
        do {
            // As every stage reports progress: "trips", once the plan says how many.
            options.progress?(.started(label: "trips", total: plan.fetch.count))
            afterPlanning()
            if stream == nil, !plan.fetch.isEmpty {
                stream = try openStream(connection, snapshot: snapshot, tripIds: plan.fetch.map(\.id))
            }
            if let stream {
                let items = Dictionary(plan.fetch.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                var spent: TripRows?
                while let trip = try stream.next(reusing: &spent) {
                    if let item = items[trip.id] { spent = writing.submit(trip, as: item) }
                    options.progress?(.advanced(count: 1))
                }
                stream.close()
                report.statements += stream.statementCount
            }
        } catch {
            report.merge(writing.finish())
            options.progress?(.finished)
            throw .database(error)
        }
        report.merge(writing.finish())
        options.progress?(.finished)
        for entry in plan.withdraw { writer.withdraw(entry, into: &report) }
        // trip.json files are renamed into place without an fsync each (extract can write them
        // again); one flush at the end makes the run's writes survive a power loss.
        if !report.written.isEmpty || !report.withdrawn.isEmpty || !report.renamed.isEmpty { AtomicFile.flushToDisk() }
        report.statements += connection.statementCount - statementsBefore + 1  // + the ROLLBACK to come
        let elapsed = clock.now - started
        report.duration = elapsed
        return report
    }

    // MARK: - Steps

    private func openStream(_ connection: Connection, snapshot: String?, tripIds: [String]?) throws(PostgresError) -> TripStream {
        let stream = try TripStream(connection, snapshot: snapshot, tripIds: tripIds, batchSize: options.batchSize)
        logger.debug(
            stream.isParallel
                ? "reading the streams over \(stream.connectionCount) more connections joined to the snapshot"
                : "reading the streams over one connection")
        return stream
    }

    /// The snapshot's id for the streams' own connections, or nil where the server cannot export
    /// one (then the snapshot is opened again and the streams share this connection).
    private func exportSnapshot(_ connection: Connection) throws(PostgresError) -> String? {
        do {
            return try connection.query(SourceQueries.exportSnapshot, operation: "export the snapshot").rows.first?.string(0)
        } catch {
            logger.debug("reading on one connection: \(error)")
            try connection.execute("ROLLBACK", operation: "end the snapshot")
            try connection.execute(SourceQueries.begin, operation: "open a read-only snapshot")
            return nil
        }
    }

    private func readCandidates(_ connection: Connection) throws(PostgresError) -> [Candidate] {
        var candidates: [Candidate] = []
        let ids: String? = options.tripIds.isEmpty ? nil : PostgresArray.literal(options.tripIds)
        let sql = options.changedOnly ? SourceQueries.candidatesWithFingerprints : SourceQueries.candidates
        try connection.forEachRow(sql, [ids], operation: "list the public trips") { row in
            guard let id = row.string(0) else { return }
            candidates.append(
                Candidate(
                    id: id, title: row.string(1) ?? "",
                    fingerprint: options.changedOnly ? row.string(4) : nil,
                    isUnlisted: row.string(3) == "unlisted"))
        }
        return candidates
    }
}
