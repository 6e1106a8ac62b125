import AWS
import Concurrency
import Foundation
import HTTPClient
import IntegrationSupport
import Logging
import Pipeline
import TestSupport
import Testing

/// The nightly lock: runs racing for it, in one bucket of the S3 stand-in (conditional writes,
/// checked by moto as S3 does) and in a folder (a file lock), get exactly one winner.
@Suite struct RunLeaseTests {
    static let logger = Logger(label: "tabi.test.lease")

    @Test func aFolderWritesConditionallyAsABucketDoes() async throws {
        let folder = TemporaryFolder()
        let store = FolderStore(root: folder.url)
        let json = S3ObjectAttributes(contentType: "application/json")
        try await store.write("nightly/lease.json", Data("a".utf8), md5: "", attributes: json, condition: .absent)
        let first = try #require(try await store.readTagged("nightly/lease.json"))
        #expect(try await store.tags("nightly/") == ["nightly/lease.json": first.tag])
        await #expect {
            try await store.write("nightly/lease.json", Data("b".utf8), md5: "", attributes: json, condition: .absent)
        } throws: { ($0 as? StoreError)?.conditionFailed == true }
        await #expect {
            try await store.write("nightly/lease.json", Data("b".utf8), md5: "", attributes: json, condition: .matches("00"))
        } throws: { ($0 as? StoreError)?.conditionFailed == true }
        #expect(try await store.read("nightly/lease.json") == Data("a".utf8))
        try await store.write("nightly/lease.json", Data("b".utf8), md5: "", attributes: json, condition: .matches(first.tag))
        #expect(try await store.read("nightly/lease.json") == Data("b".utf8))
        // The tag is the file's version, known without reading it: a write of other bytes changes
        // it, one of the same bytes leaves the file and its tag (as S3's ETag), so a write
        // conditional on the tag read before another's write is refused.
        let second = try #require(try await store.readTagged("nightly/lease.json"))
        #expect(second.tag != first.tag)
        try await store.write("nightly/lease.json", Data("b".utf8), md5: "", attributes: json, condition: nil)
        #expect(try await store.tags("nightly/")["nightly/lease.json"] == second.tag)
        try await store.write("nightly/lease.json", Data("bb".utf8), md5: "", attributes: json, condition: nil)
        #expect(try await store.tags("nightly/")["nightly/lease.json"] != second.tag)
        await #expect {
            try await store.write("nightly/lease.json", Data("c".utf8), md5: "", attributes: json, condition: .matches(second.tag))
        } throws: { ($0 as? StoreError)?.conditionFailed == true }
        // The lock file beside it is hidden: not an object of the store.
        #expect(try await store.list("") == ["nightly/lease.json"])
    }

    @Test func ofRunsRacingForAFolderLeaseExactlyOneWins() async throws {
        let folder = TemporaryFolder()
        try await Self.race(FolderStore(root: folder.url))
    }

    @Test func ofRunsRacingForABucketLeaseExactlyOneWins() async throws {
        let moto = try MotoStandin(auth: true)
        let store = BucketStore(s3: S3Client(settings: try moto.settings(), bucket: moto.bucket), prefix: "")
        try await Self.race(store)
        // Every write of the lease was conditional.
        let puts = try await moto.requests().filter { $0.method == "PUT" && $0.path.hasSuffix("/nightly/lease.json") }
        #expect(puts.count >= 1)
    }

    @Test func theShardsOfOneRunShareTheLeaseAndAStaleOneIsTakenOver() async throws {
        let folder = TemporaryFolder()
        let records = StateRecords(store: FolderStore(root: folder.url))
        let clock = Locked(Date(timeIntervalSince1970: 1_000_000))
        let now: @Sendable () -> Date = { clock.withLock { $0 } }
        let first = RunLease(records: records, run: "night-1", duration: .seconds(60), logger: Self.logger, now: now)
        let shard = RunLease(records: records, run: "night-1", duration: .seconds(60), logger: Self.logger, now: now)
        let next = RunLease(records: records, run: "night-2", duration: .seconds(60), logger: Self.logger, now: now)
        try await first.acquire()
        try await shard.acquire()
        await #expect(throws: LeaseError.self) { try await next.acquire() }
        clock.withLock { $0 += 61 }
        try await next.acquire()
        let holder = try await records.read(RunLease.Record.self, RunLease.name)
        #expect(holder?.run == "night-2")
        // The run that lost it cannot extend it, nor give it up for the new holder.
        await #expect(throws: LeaseError.self) { try await first.renew() }
        await first.release()
        #expect(try await records.read(RunLease.Record.self, RunLease.name)?.run == "night-2")
        await next.release()
        #expect(try await records.read(RunLease.Record.self, RunLease.name) == nil)
    }

    @Test func aRunLongerThanItsLeaseKeepsItWhileAliveAndLosesItOnceStopped() async throws {
        let folder = TemporaryFolder()
        let records = StateRecords(store: FolderStore(root: folder.url))
        // The lease's own clock is the test's: no wall-clock bound, however loaded the machine.
        let clock = Locked(Date(timeIntervalSince1970: 1_000_000))
        let now: @Sendable () -> Date = { clock.withLock { $0 } }
        let long = RunLease(records: records, run: "long-night", duration: .seconds(60), logger: Self.logger, now: now)
        let next = RunLease(records: records, run: "next-night", duration: .seconds(60), logger: Self.logger, now: now)
        try await long.acquire()
        let alive = Task { await long.keepAlive(every: .milliseconds(20)) }
        // Two minutes of the run's time, twice the lease: the keeper extends it from each new now.
        for _ in 0..<4 {
            let later = clock.withLock {
                $0 += 30; return $0
            }
            let extended = await Self.eventually {
                (try? await records.read(RunLease.Record.self, RunLease.name))?.expires == later.timeIntervalSince1970 + 60
            }
            #expect(extended, "the lease was extended after the clock moved to \(later)")
        }
        await #expect(throws: LeaseError.self) { try await next.acquire() }
        // Stopped (killed), it extends it no more, and the next run takes it once it ends.
        alive.cancel()
        await alive.value
        clock.withLock { $0 += 61 }
        try await next.acquire()
        #expect(try await records.read(RunLease.Record.self, RunLease.name)?.run == "next-night")
        // Extending a lease given up does not take it back.
        await next.release()
        try await long.renew()
        #expect(try await records.read(RunLease.Record.self, RunLease.name) == nil)
    }

    /// Whether `condition` holds within three minutes of asking every 20 ms (a bound only a stuck
    /// keeper reaches).
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<9000 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Eight runs ask at once: one holds the lease, seven are told who does.
    static func race(_ store: any ObjectStore) async throws {
        let records = StateRecords(store: store)
        let outcomes = await withTaskGroup(of: (String, Result<Void, LeaseError>).self) { group in
            for index in 0..<8 {
                group.addTask {
                    let lease = RunLease(records: records, run: "night-\(index)", duration: .seconds(600), logger: logger)
                    do throws(LeaseError) {
                        try await lease.acquire()
                        return ("night-\(index)", .success(()))
                    } catch {
                        return ("night-\(index)", .failure(error))
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = outcomes.filter { if case .success = $0.1 { true } else { false } }.map(\.0)
        #expect(winners.count == 1, "\(outcomes)")
        let holder = try await records.read(RunLease.Record.self, RunLease.name)
        #expect(holder?.run == winners.first)
        for (_, outcome) in outcomes {
            guard case .failure(let error) = outcome else { continue }
            guard case .held(let by, _, _) = error else {
                Issue.record("a losing run got \(error), not the name of the holder")
                continue
            }
            #expect(by == winners.first)
        }
    }
}
