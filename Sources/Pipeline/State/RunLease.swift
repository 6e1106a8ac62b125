import Foundation
import Logging

/// The lock that keeps two nightly runs off one site: `nightly/lease.json` in the state store
/// names the run holding it and when the lease ends. The shards of one run (one run id) share
/// it; another run is refused while it holds, and takes over a lease past its end with a warning
/// (a run that was killed never released it).
///
/// S3 has no lock: the lease is written, then read back after a pause, and whoever's write is
/// there then holds it. Two runs starting within that pause of each other both read back the
/// last write, so only one goes on.
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
    let settle: Duration
    let logger: Logger
    let now: @Sendable () -> Date

    public init(records: StateRecords, run: String, duration: Duration, settle: Duration = .milliseconds(500),
                logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.records = records
        self.run = run
        holder = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
        self.duration = duration
        self.settle = settle
        self.logger = logger
        self.now = now
    }

    /// Takes the lease for this run, or throws ``LeaseError/held`` naming the run that has it.
    public func acquire() async throws(LeaseError) {
        let current: Record?
        do { current = try await records.read(Record.self, Self.name) } catch { throw .store(error) }
        if let current, current.run != run {
            if current.expires > now().timeIntervalSince1970 {
                throw .held(by: current.run, holder: current.holder, until: Date(timeIntervalSince1970: current.expires))
            }
            logger.warning("taking over the lease of run \(current.run) (\(current.holder)), which ended \(Date(timeIntervalSince1970: current.expires)): that run was stopped before it finished; this run finishes its work")
        }
        try await write()
        try? await Task.sleep(for: settle)
        let after: Record?
        do { after = try await records.read(Record.self, Self.name) } catch { throw .store(error) }
        guard let after, after.run == run else {
            throw .held(by: after?.run ?? "?", holder: after?.holder ?? "?", until: Date(timeIntervalSince1970: after?.expires ?? 0))
        }
    }

    /// Extends the lease (the finalize step calls it before it starts).
    public func renew() async throws(LeaseError) {
        try await write()
    }

    /// Gives the lease up, if this run still holds it.
    public func release() async {
        guard let current = try? await records.read(Record.self, Self.name), current.run == run else { return }
        _ = await records.store.delete([Self.name])
    }

    private func write() async throws(LeaseError) {
        let record = Record(run: run, holder: holder, expires: now().timeIntervalSince1970 + duration.secondsValue)
        do { try await records.write(record, Self.name) } catch { throw .store(error) }
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
