import Foundation
import TabiCore

/// What one extract run does.
public struct ExtractOptions: Sendable {
    /// The content folder; trips go to `<content>/trips/<slug>/trip.json`.
    public var content: URL
    /// Only these trips (lower-case UUIDs), or every public and unlisted trip when empty. Trips of
    /// the list that are private or gone are withdrawn like any other.
    public var tripIds: [String]
    /// Read only the trips whose fingerprint differs from the one their `trip.json` holds.
    public var changedOnly: Bool
    /// Rows per `FETCH` of each stream: memory holds a few batches per stream (the one being read,
    /// the next, and those the trips being written still point into).
    public var batchSize: Int
    /// Read the streams over connections of their own joined to the run's snapshot (four; five
    /// when reading everything, the photos in two halves), so the server works while extract
    /// decodes; off, everything goes over one connection.
    public var parallelReads: Bool
    /// Plan only: say which trips would be read (and under which slug) and which withdrawn, and
    /// touch nothing.
    public var dryRun: Bool
    /// A run whose plan withdraws more trips than this changes nothing and fails: pointed at the
    /// wrong database, or at one being restored, extract would otherwise take the site down.
    public var maxWithdrawals: Int
    /// Only the trips of this shard are read, written or withdrawn (slugs are still given
    /// knowing every trip, so shards running at once never give two trips one slug).
    public var shard: TripShard = .all
    /// Where the run's ``StageEvent``s go (`trips`: started once planned, one per trip read).
    public var progress: StageProgress?

    /// The default of ``maxWithdrawals``.
    public static let defaultMaxWithdrawals = 25

    public init(
        content: URL, tripIds: [String] = [], changedOnly: Bool = false, batchSize: Int = 1_000,
        parallelReads: Bool = true, dryRun: Bool = false, maxWithdrawals: Int = defaultMaxWithdrawals,
        progress: StageProgress? = nil
    ) {
        self.progress = progress
        self.content = content
        self.tripIds = tripIds
        self.changedOnly = changedOnly
        self.batchSize = batchSize
        self.parallelReads = parallelReads
        self.dryRun = dryRun
        self.maxWithdrawals = maxWithdrawals
    }
}
