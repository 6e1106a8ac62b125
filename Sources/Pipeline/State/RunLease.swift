import AWS
import Concurrency
import Foundation
import Logging

/// The lock that keeps two nightly runs off one site: `nightly/lease.json` in the state store
/// names the run holding it and when the lease ends. The shards of one run (one run id) share
/// it; another run is refused while it holds, and takes over a lease past its end with a warning
/// (a run that was killed never released it).
///
/// Every write of the lease is conditional (S3's `If-None-Match: *` when there is none,
/// `If-Match` on the tag read when there is one): of two runs that read the same lease and both
/// write, S3 takes one write and refuses the other (412), and the refused run reads again and
/// finds the lease held. A folder store does the same under a file lock.
public struct RunLease: Sendable {
    public struct Record: Codable, Sendable, Equatable {
        public var run: String
        public var holder: String
        /// Seconds since 1970.
        public var expires: Double
    }

    public static let name = "nightly/lease.json"

    let records: StateRecords
    let run: String
    let holder: String
    let duration: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        records: StateRecords, run: String, duration: Duration, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.records = records
        self.run = run
        holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.duration = duration
        self.logger = logger
        self.now = now
    }

    /// Takes the lease for this run (or extends it, when a shard of this run holds it), or
    /// throws ``LeaseError/held`` naming the run that has it.
    public func acquire() async throws(LeaseError) {
        try await readThenWrite { current throws(LeaseError) in
            if let (lease, _) = current, lease.run != run {
                if lease.expires > now().timeIntervalSince1970 { throw Self.held(lease) }
                logger.warning(
                    "taking over the lease of run \(lease.run) (\(lease.holder)), which ended \(Date(timeIntervalSince1970: lease.expires)): that run was stopped before it finished; this run finishes its work"
                )
            }
            return current.map { .matches($0.tag) } ?? .absent
        }
    }

    /// Extends the lease while this run holds it: throws ``LeaseError/held`` when another run
    /// has it, and does nothing when there is none (this run gave it up).
    public func renew() async throws(LeaseError) {
        try await readThenWrite { current throws(LeaseError) in
            guard let (lease, tag) = current else { return nil }
            guard lease.run == run else { throw Self.held(lease) }
            return .matches(tag)
        }
    }

    /// How many times the lease is read again after losing a write to another writer.
    static let attempts = 5

    /// Reads the lease, then writes this run's on the condition `decide` gives for what was read
    /// (nil: writes nothing). Each lost race means another writer's lease (another run's, or a
    /// shard of this run's) is there now: the next look decides.
    private func readThenWrite(
        _ decide: ((record: Record, tag: String)?) throws(LeaseError) -> S3WriteCondition?
    ) async throws(LeaseError) {
        for _ in 0..<Self.attempts {
            let current: (record: Record, tag: String)?
            do { current = try await records.readTagged(Record.self, Self.name) } catch { throw .store(error) }
            guard let condition = try decide(current) else { return }
            do {
                try await write(condition: condition)
                return
            } catch .store(let error) where error.conditionFailed {
                continue
            }
        }
        throw .store(
            StoreError(
                key: records.store.location + Self.name, operation: "write",
                message: "changed under this run \(Self.attempts) times in a row; another run is taking it"))
    }

    private static func held(_ lease: Record) -> LeaseError {
        .held(by: lease.run, holder: lease.holder, until: Date(timeIntervalSince1970: lease.expires))
    }

    /// Extends the lease every `interval` until the task is cancelled, so a run that takes longer
    /// than the lease is never taken over while it is alive (a killed run stops extending it,
    /// and its lease ends). A failed extension is logged and tried again at the next interval.
    public func keepAlive(every interval: Duration) async {
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            do { try await renew() } catch  where !Task.isCancelled {
                logger.error("cannot extend the lease of run \(run): \(error); another run may take it over when it ends")
            } catch {
                return
            }
        }
    }

    /// Gives the lease up, if this run still holds it.
    public func release() async {
        guard let current = try? await records.read(Record.self, Self.name), current.run == run else { return }
        _ = await records.store.delete([Self.name])
    }

    private func write(condition: S3WriteCondition) async throws(LeaseError) {
        let record = Record(run: run, holder: holder, expires: now().timeIntervalSince1970 + duration.secondsValue)
        do { try await records.write(record, Self.name, condition: condition) } catch { throw .store(error) }
    }
}

/// Why the lease could not be had.
public enum LeaseError: Error, Sendable, CustomStringConvertible {
    case held(by: String, holder: String, until: Date)
    case store(StoreError)

    public var description: String {
        switch self {
        case .held(let run, let holder, let until):
            "another nightly run (\(run), on \(holder)) holds the lock until \(until); wait for it, or remove "
                + "\(RunLease.name) from the state store if that run is known to be dead"
        case .store(let error): "cannot take the lock: \(error)"
        }
    }
}
