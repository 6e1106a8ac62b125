import Concurrency
import ContentStore
import Foundation
import HTTPClient
import Logging
import TabiCore

/// The draft stage: every trip (or the ones asked for) drafted with a bounded number at once,
/// then a report. One trip failing never stops the others; only a refusal of the credentials or
/// key (which every call would meet) stops the run from starting more trips.
public struct DraftRunner: Sendable {
    public let options: DraftOptions
    public let narrator: any Narrator
    public let prompt: PromptTemplate
    private let logger: Logger

    public init(
        options: DraftOptions, narrator: any Narrator, prompt: PromptTemplate = .builtIn,
        logger: Logger = Logger(label: "tabi.draft")
    ) {
        self.options = options
        self.narrator = narrator
        self.prompt = prompt
        self.logger = logger
    }

    /// Drafts the trips. Throws only when the run cannot start (a trip asked for does not exist,
    /// the content folder cannot be listed).
    public func run() async throws(DraftSetupError) -> DraftReport {
        let start = ContinuousClock.now
        let (slugs, invalid) = try self.slugs()
        let tally = Locked(TripDrafter.DraftTally())
        let drafter = TripDrafter(
            options: options, narrator: narrator, prompt: prompt,
            limiter: RequestLimiter(options.concurrency), tally: tally, logger: logger)
        let progress = options.progress
        progress?(.started(label: "trips", total: slugs.count))
        var drafted: [TripOutcome] = []
        var refusal: String?
        await slidingWindow(slugs.count, concurrency: options.concurrency, canStart: { refusal == nil }) { index in
            await drafter.draft(slugs[index])
        } collect: { _, result in
            drafted.append(result.outcome)
            progress?(.advanced(count: 1))
            if result.refused, refusal == nil, case .failed(let message) = result.outcome.result { refusal = message }
        }
        progress?(.finished)
        var outcomes = drafted + invalid
        let done = Set(outcomes.map(\.slug))
        for slug in slugs where !done.contains(slug) {
            outcomes.append(
                TripOutcome(slug: slug, result: .failed("not attempted: the run stopped after the service refused the credentials")))
        }
        outcomes.sort { $0.slug < $1.slug }
        let totals = tally.withLock { $0 }
        let transport = narrator.transport
        return DraftReport(
            outcomes: outcomes, calls: totals.calls, retries: transport.retries, throttled: transport.throttled,
            usage: totals.usage, narrator: narrator.identity,
            price: narrator.identity.model.flatMap { options.settings.prices[$0] },
            elapsed: ContinuousClock.now - start, stoppedBy: refusal)
    }

    /// The slugs to draft, and trip folders that cannot be (as failures).
    private func slugs() throws(DraftSetupError) -> ([String], [TripOutcome]) {
        let content = options.content
        if !options.slugs.isEmpty || !options.tripIds.isEmpty {
            var wanted: [String] = []
            for slug in options.slugs where !wanted.contains(slug) {
                guard Slug.isValid(slug), FileManager.default.fileExists(atPath: content.tripFile(of: slug).path) else {
                    throw DraftSetupError(message: "--slug \(slug): there is no \(content.tripsFolder.path)/\(slug)/trip.json")
                }
                wanted.append(slug)
            }
            for slug in try slugs(ofTrips: options.tripIds) where !wanted.contains(slug) { wanted.append(slug) }
            return (wanted, [])
        }
        guard FileManager.default.fileExists(atPath: content.root.path) else {
            throw DraftSetupError(message: "the content folder \(content.root.path) does not exist")
        }
        do {
            let (slugs, invalid) = try content.slugs()
            return (
                slugs,
                invalid.map {
                    TripOutcome(slug: $0.slug ?? URL(fileURLWithPath: $0.file).lastPathComponent, result: .failed($0.description))
                }
            )
        } catch {
            throw DraftSetupError(message: error.description)
        }
    }
}

extension DraftRunner {
    /// The folders holding the trips `ids` (lower-case UUIDs), in the order asked; a trip that no
    /// `trip.json` holds stops the run before anything is sent.
    fileprivate func slugs(ofTrips ids: [String]) throws(DraftSetupError) -> [String] {
        guard !ids.isEmpty else { return [] }
        let content = options.content
        var folders: [String: String] = [:]
        do {
            for slug in try content.slugs().slugs {
                guard let trip = try? content.trip(slug) else { continue }
                folders[trip.id.lowercased()] = slug
            }
        } catch {
            throw DraftSetupError(message: error.description)
        }
        return try ids.map { id throws(DraftSetupError) in
            guard let slug = folders[id] else {
                throw DraftSetupError(message: "--trip \(id): no trip.json in \(content.tripsFolder.path) holds this trip")
            }
            return slug
        }
    }
}

/// A `draft` run that cannot start: an unknown narrator, a missing model, no credentials, a trip
/// asked for that does not exist, a prompt template that does not parse.
public struct DraftSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { message }
}
