import Foundation
import Logging
import TabiCore

/// Which shard of a run finalizes it: the one that finds every shard's marker and then claims
/// the step first. Shards finishing together all see every marker; the claim is a conditional
/// write (`If-None-Match: *`), so exactly one of them goes on. A claim whose finalize step was
/// stopped stays until the next run's finalize step, which does the work.
///
/// A shard can see every marker, then lose the race to one that finalizes the whole run and
/// deletes the markers and then its claim (`Finalizer` deletes them in that order) before this
/// one writes its own claim. So a won claim is checked: with the markers gone, the run is
/// finalized, and the shard takes its claim back and stands down.
public struct FinalizeClaim: Sendable {
    public let records: StateRecords
    public let run: String
    public let shard: TripShard
    public let logger: Logger

    public init(records: StateRecords, run: String, shard: TripShard, logger: Logger) {
        self.records = records
        self.run = run
        self.shard = shard
        self.logger = logger
    }

    /// Whether this shard finalizes the run. A run of one shard that has just written its
    /// marker (`markerWritten`) has every marker there is: it goes on without a listing.
    public func claim(markerWritten: Bool = false) async -> Bool {
        if shard.count == 1, markerWritten { return true }
        guard await allShardsDone() else { return false }
        guard shard.count > 1 else { return true }
        let claim = ShardMarker.claimName(run: run)
        do throws(StoreError) {
            try await records.write(["shard": shard.description], claim, condition: .absent)
        } catch  where error.conditionFailed {
            logger.info("another shard finalizes run \(run)")
            return false
        } catch {
            logger.warning("cannot claim the finalize step of run \(run) (\(error)); the next run's finalize step does it")
            return false
        }
        guard await allShardsDone() else {
            logger.info("another shard finalized run \(run)")
            for failure in await records.store.delete([claim]) { logger.warning("\(failure)") }
            return false
        }
        return true
    }

    /// Whether every shard of this run has left its marker.
    func allShardsDone() async -> Bool {
        guard let names = try? await records.store.list(ShardMarker.folder + run + "/") else { return false }
        let done = Set(
            (0..<shard.count).compactMap { index in
                try? ShardMarker.name(run: run, shard: TripShard(index: index, count: shard.count))
            })
        return done.isSubset(of: Set(names))
    }
}
