import Build
import Concurrency
import Draft
import Extract
import TabiCore

/// What a nightly run (or one shard of it) did: each stage's report, then per trip what
/// happened, what went up and came down, what was invalidated, what failed, and how long each
/// step took.
public struct NightlyReport: StageReport {
    public static let stage = "nightly"

    /// One trip's night.
    public struct TripLine: Sendable, Equatable {
        public var id: String
        public var slug: String
        public var action: TripPlan.Action
        public var reason: String
        public var uploads = 0
        public var deletes = 0
        public var failures: [String] = []

        init(id: String, slug: String, action: TripPlan.Action, reason: String) {
            self.id = id
            self.slug = slug
            self.action = action
            self.reason = reason
        }

        /// The line of a trip left as it was.
        public init(unchanged trip: TripPlan.Unchanged) {
            self.init(id: trip.id, slug: trip.slug, action: .unchanged, reason: TripPlan.Unchanged.reason)
        }
    }

    public var run: String
    public var shard: TripShard
    public var dryRun = false
    public var extract: ExtractReport?
    public var draft: DraftReport?
    public var trips: [TripLine] = []
    /// The trips left as they were, named only (``trips`` lists them too on a dry run alone).
    public var unchanged: [TripPlan.Unchanged] = []
    public var derivativesEncoded = 0
    public var derivativesReused = 0
    public var pagesRendered = 0
    /// Site paths put, and deleted.
    public var uploaded: [String] = []
    public var deleted: [String] = []
    /// Media its trips stopped showing, left for the finalize step to delete if no trip shows them.
    public var orphans: [String] = []
    /// Paths handed to the finalize step to invalidate.
    public var owedInvalidation: [String] = []
    public var finalize: FinalizeReport?
    /// Failures that are not a trip's (a record, a delete, the marker).
    public var failures: [String] = []
    /// Requests sent to the site and state stores.
    public var requests = 0
    /// Trip record buckets read in full (the rest of what the plan knows came from the index).
    public var recordBucketsRead = 0
    /// Trips whose files were read (the others were known by their stamps).
    public var tripFilesRead = 0
    /// Step → time.
    public var steps: [(name: String, duration: Duration)] = []
    public var duration: Duration = .zero

    public init(run: String, shard: TripShard) {
        self.run = run
        self.shard = shard
    }

    public var exitCode: Int32 {
        let codes = [extract?.exitCode, draft?.exitCode, finalize?.exitCode].compactMap { $0 }
        if codes.contains(2) { return 2 }
        let failed = codes.contains(1) || !failures.isEmpty || trips.contains { !$0.failures.isEmpty }
        return failed ? 1 : 0
    }

    public func count(_ action: TripPlan.Action) -> Int {
        trips.count { $0.action == action } + (action == .unchanged ? unchanged.count : 0)
    }

    /// The trips the JSON report lists one by one: those something happened to. A trip left as
    /// it was is only counted (a one-trip night at 10,000 trips wrote 2.6 MB of "unchanged"),
    /// except on a dry run, which lists every trip of the shard with its reason.
    var reportedTrips: [TripLine] {
        dryRun ? trips : trips.filter { $0.action != .unchanged || !$0.failures.isEmpty || $0.uploads + $0.deletes > 0 }
    }

    public var summary: String {
        var lines: [String] = []
        if let extract { lines.append(extract.summary) }
        if let draft { lines.append(draft.summary) }
        let failedTrips = trips.filter { !$0.failures.isEmpty }.count
        let head = dryRun ? "nightly (dry run) shard \(shard)" : "nightly shard \(shard)"
        lines.append(
            "\(head): \(count(.new)) new, \(count(.changed)) changed, \(count(.unchanged)) unchanged, "
                + "\(count(.withdrawn)) withdrawn, \(failedTrips) failed; \(pagesRendered) pages rendered, "
                + "\(derivativesEncoded) derivatives encoded, \(derivativesReused) reused; \(uploaded.count) uploaded, "
                + "\(deleted.count) deleted; \(requests) requests" + String(format: " in %.2f s", duration.secondsValue))
        if let finalize { lines.append(finalize.summary) }
        for failure in failures { lines.append("failed: \(failure)") }
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        var object: [String: JSONValue] = [
            "stage": .string(Self.stage), "run": .string(run), "shard": .string(shard.description), "dryRun": .bool(dryRun),
            "exitCode": .int(Int(exitCode)), "seconds": .seconds(duration),
            "trips": .array(
                reportedTrips.map { line in
                    [
                        "id": .string(line.id), "slug": .string(line.slug), "action": .string(line.action.rawValue),
                        "reason": .string(line.reason), "uploads": .int(line.uploads), "deletes": .int(line.deletes),
                        "failures": .strings(line.failures),
                    ]
                }),
            "counts": [
                "new": .int(count(.new)), "changed": .int(count(.changed)), "unchanged": .int(count(.unchanged)),
                "withdrawn": .int(count(.withdrawn)),
            ],
            "derivativesEncoded": .int(derivativesEncoded), "derivativesReused": .int(derivativesReused),
            "pagesRendered": .int(pagesRendered),
            "uploaded": .strings(uploaded), "deleted": .strings(deleted), "orphans": .strings(orphans),
            "owedInvalidation": .strings(owedInvalidation), "failures": .strings(failures), "requests": .int(requests),
            "recordBucketsRead": .int(recordBucketsRead), "tripFilesRead": .int(tripFilesRead),
            "steps": .object(Dictionary(steps.map { ($0.name, JSONValue.seconds($0.duration)) }) { _, last in last }),
        ]
        if let extract { object["extract"] = extract.json }
        if let draft {
            object["draft"] = draft.json
            object["modelCalls"] = .int(draft.calls)
            object["tokens"] = ["input": .int(draft.usage.input), "output": .int(draft.usage.output)]
            object["estimatedCostUSD"] = draft.cost.map { .double($0) } ?? .null
        }
        if let finalize { object["finalize"] = finalize.json }
        return .object(object)
    }
}

/// What the finalize step did: the listings and assets it wrote, the orphaned media it deleted,
/// the one invalidation it sent.
public struct FinalizeReport: StageReport {
    public static let stage = "finalize"

    public var shardsCollected: [String] = []
    public var listedTrips = 0
    /// Trip record buckets read in full (the rest came from the index).
    public var recordBucketsRead = 0
    /// Parts of the site and listing indexes written (those whose trips changed).
    public var indexPartsWritten = 0
    /// Home and tag pages rendered (the others showed the same trips as before).
    public var listingPagesRendered = 0
    /// Trip pages whose links to the newer and older trip were put in or changed.
    public var tripPagesRelinked = 0
    public var uploaded: [String] = []
    public var deleted: [String] = []
    public var invalidationId: String?
    public var invalidatedPaths: [String] = []
    public var failures: [String] = []
    public var requests = 0
    public var duration: Duration = .zero

    public init() {}

    public var exitCode: Int32 { failures.isEmpty ? 0 : 1 }

    public var summary: String {
        var line =
            "finalize: \(shardsCollected.count) shard record\(shardsCollected.count == 1 ? "" : "s"), "
            + "\(listedTrips) trips listed, \(listingPagesRendered) listing pages rendered, "
            + "\(tripPagesRelinked) trip pages relinked, \(uploaded.count) uploaded, "
            + "\(deleted.count) deleted"
        if let invalidationId {
            line += ", invalidated \(invalidatedPaths.count) paths (\(invalidationId))"
        } else {
            line += ", nothing invalidated"
        }
        line += ", \(failures.count) failed" + String(format: " in %.2f s", duration.secondsValue)
        return ([line] + failures.map { "failed: \($0)" }).joined(separator: "\n")
    }

    public var json: JSONValue {
        [
            "stage": .string(Self.stage), "exitCode": .int(Int(exitCode)), "seconds": .seconds(duration),
            "shards": .strings(shardsCollected), "listedTrips": .int(listedTrips),
            "recordBucketsRead": .int(recordBucketsRead), "indexPartsWritten": .int(indexPartsWritten),
            "listingPagesRendered": .int(listingPagesRendered),
            "tripPagesRelinked": .int(tripPagesRelinked), "uploaded": .strings(uploaded),
            "deleted": .strings(deleted), "invalidation": .optional(invalidationId), "invalidatedPaths": .strings(invalidatedPaths),
            "failures": .strings(failures), "requests": .int(requests),
        ]
    }
}
