import ContentStore
import Foundation
import Logging
import PostgresClient
import TabiCore

/// How far a run has got, for a progress bar.
public enum ExtractProgress: Sendable {
    /// The plan is made: this many trips will be read.
    case reading(total: Int)
    /// One more trip was read and written (or failed).
    case tripDone
}

/// The extract stage: public trips out of the app's PostgreSQL into `Content/trips/<slug>/trip.json`.
///
/// One run is one synchronous pipeline on one connection: read `Content/`, open a repeatable-read,
/// read-only snapshot, list the candidate trips (one query), plan, stream the trips (four cursors)
/// writing each as soon as it is complete, end the snapshot, then withdraw what is no longer public.
/// It blocks its thread; callers run it off Swift's cooperative pool (the CLI runs it as a plain
/// synchronous command).
public struct Extractor {
    public var options: ExtractOptions
    public var logger: Logger
    public var progress: (ExtractProgress) -> Void

    public init(options: ExtractOptions, logger: Logger = Logger(label: "tabi-press.extract"),
                progress: @escaping (ExtractProgress) -> Void = { _ in }) {
        self.options = options
        self.logger = logger
        self.progress = progress
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
        var report = ExtractReport()
        let inventory = try ContentInventory.scan(content)
        inventory.problems.forEach { note($0, in: &report) }
        let statementsBefore = connection.statementCount

        let plan: ExtractPlan
        do {
            try connection.execute(SourceQueries.begin, operation: "open a read-only snapshot")
            defer { try? connection.execute("ROLLBACK", operation: "end the snapshot") }
            let candidates = try readCandidates(connection)
            plan = ExtractPlan.make(candidates: candidates, inventory: inventory, tripIds: options.tripIds,
                                    changedOnly: options.changedOnly)
            report.unchanged = plan.unchanged.map { .init(id: $0.id, slug: $0.slug) }
            report.notFound = plan.notFound
            progress(.reading(total: plan.fetch.count))
            if !plan.fetch.isEmpty {
                let items = Dictionary(plan.fetch.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                let stream = try TripStream(connection, tripIds: plan.readsEverything ? nil : plan.fetch.map(\.id),
                                            batchSize: options.batchSize)
                while let trip = try stream.next() {
                    if let item = items[trip.id] {
                        write(trip, as: item, to: content, report: &report)
                    }
                    progress(.tripDone)
                }
            }
        } catch {
            throw .database(error)
        }
        for id in plan.notFound {
            logger.notice("trip \(id) is not public or unlisted, or does not exist: nothing to extract")
        }
        for entry in plan.withdraw { withdraw(entry, from: content, report: &report) }
        report.statements = connection.statementCount - statementsBefore
        let elapsed = clock.now - started
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return report
    }

    // MARK: - Steps

    private func readCandidates(_ connection: Connection) throws(PostgresError) -> [Candidate] {
        var candidates: [Candidate] = []
        let ids: String? = options.tripIds.isEmpty ? nil : PostgresArray.literal(options.tripIds)
        let sql = options.changedOnly ? SourceQueries.candidatesWithFingerprints : SourceQueries.candidates
        try connection.forEachRow(sql, [ids], operation: "list the public trips") { row in
            guard let id = row.string(0) else { return }
            candidates.append(Candidate(id: id, title: row.string(1) ?? "",
                                        fingerprint: options.changedOnly ? row.string(3) : nil))
        }
        return candidates
    }

    private func write(_ source: SourceTrip, as item: ExtractPlan.Item, to content: ContentDirectory,
                       report: inout ExtractReport) {
        for var problem in source.problems {
            problem.slug = item.slug
            note(problem, in: &report)
        }
        guard let header = source.header else {
            report.failed.append(source.id)
            return
        }
        let reference = ExtractReport.TripReference(id: source.id, slug: item.slug)
        if item.restoresWithdrawal {
            do {
                try WithdrawnTrips(content).restore(slug: item.slug)
                report.restored.append(reference)
                logger.info("restored \(reference): public again, with the story kept when it was withdrawn")
            } catch {
                note(ExtractProblem(.warning, tripId: source.id, slug: item.slug,
                                    reason: "its withdrawn story could not be brought back (\(error))"), in: &report)
            }
        }
        let trip = Trip(
            id: source.id, slug: item.slug, title: header.title, description: header.description,
            startDate: header.startDate, endDate: header.endDate, status: header.status,
            visibility: header.visibility, author: header.author, coverPhotoId: header.coverPhotoId,
            updatedAt: source.updatedAt, destinations: source.destinations, posts: source.posts,
            source: SourceStamp(updatedAt: source.updatedAt, fingerprint: source.fingerprint))
        do {
            switch try content.write(trip) {
            case .written: report.written.append(reference)
            case .unchanged: report.unchanged.append(reference)
            }
            report.posts += trip.posts.count
            report.photos += trip.posts.reduce(0) { $0 + $1.photos.count }
        } catch {
            report.failed.append(source.id)
            note(ExtractProblem(.error, tripId: source.id, slug: item.slug, reason: error.description), in: &report)
        }
    }

    private func withdraw(_ entry: ContentInventory.Entry, from content: ContentDirectory, report: inout ExtractReport) {
        do {
            try WithdrawnTrips(content).withdraw(id: entry.id, slug: entry.slug)
            report.withdrawn.append(.init(id: entry.id, slug: entry.slug))
            logger.info("withdrawn \(entry.slug) (\(entry.id)): no longer public; its story is kept in trips/\(WithdrawnTrips.folderName)/\(entry.slug)/")
        } catch {
            note(ExtractProblem(.error, tripId: entry.id, slug: entry.slug,
                                reason: "could not be withdrawn (\(error.description))"), in: &report)
        }
    }

    private func note(_ problem: ExtractProblem, in report: inout ExtractReport) {
        report.problems.append(problem)
        switch problem.severity {
        case .warning: logger.warning("\(problem.description)")
        case .error: logger.error("\(problem.description)")
        }
    }
}
