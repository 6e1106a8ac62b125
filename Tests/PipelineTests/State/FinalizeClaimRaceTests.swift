import AWS
import Foundation
import Logging
import Pipeline
import TabiCore
import TestSupport
import Testing

/// The finalize claim, step by step on a folder store: the races that two shards finishing
/// together can run into, made to happen in order rather than hoped for.
@Suite struct FinalizeClaimRaceTests {
    static let run = "night-1"
    static let json = S3ObjectAttributes(contentType: "application/json")

    @Test func theShardThatClaimsFirstFinalizesAndTheOtherStandsDown() async throws {
        let folder = TemporaryFolder()
        let store = FolderStore(root: folder.url)
        try await Self.leaveMarkers(of: [0, 1], in: store)
        #expect(await Self.claim(store, shard: 1))
        #expect(await Self.claim(store, shard: 0) == false)
        #expect(try await store.list("").contains(ShardMarker.claimName(run: Self.run)))
    }

    @Test func noShardClaimsBeforeEveryMarkerIsThere() async throws {
        let folder = TemporaryFolder()
        let store = FolderStore(root: folder.url)
        try await Self.leaveMarkers(of: [1], in: store)
        #expect(await Self.claim(store, shard: 1) == false)
        #expect(try await store.list("") == [try ShardMarker.name(run: Self.run, shard: TripShard(index: 1, count: 2))])
    }

    /// The race CI once hit: this shard sees both markers, then the other shard finalizes the
    /// run and deletes the markers and its claim before this one writes its claim, which then
    /// succeeds. The shard must see the markers gone, stand down and take its claim back.
    @Test func aShardThatWinsAClaimAfterTheRunWasFinalizedStandsDown() async throws {
        let folder = TemporaryFolder()
        let store = FinalizedBeforeTheClaim(base: FolderStore(root: folder.url))
        try await Self.leaveMarkers(of: [0, 1], in: store.base)
        #expect(await Self.claim(store, shard: 0) == false)
        #expect(await store.finalizedByTheOther.value)
        #expect(try await store.list("").isEmpty)
    }

    static func claim(_ store: any ObjectStore, shard index: Int) async -> Bool {
        let shard = try! TripShard(index: index, count: 2)
        return await FinalizeClaim(
            records: StateRecords(store: store), run: run, shard: shard, logger: Logger(label: "tabi.test.claim")
        ).claim()
    }

    static func leaveMarkers(of shards: [Int], in store: any ObjectStore) async throws {
        for index in shards {
            let name = try ShardMarker.name(run: run, shard: TripShard(index: index, count: 2))
            try await store.write(name, Data("{}".utf8), md5: "", attributes: json)
        }
    }
}

/// A folder store where, just before the first claim is written, the other shard finalizes
/// the run: its claim is written and the markers and the claim are deleted, in `Finalizer`'s
/// order.
private struct FinalizedBeforeTheClaim: ObjectStore {
    let base: FolderStore
    let finalizedByTheOther = Flag()

    var location: String { base.location }
    var keepsHeaders: Bool { base.keepsHeaders }
    var requests: Int { base.requests }
    func read(_ key: String) async throws(StoreError) -> Data? { try await base.read(key) }
    func readTagged(_ key: String) async throws(StoreError) -> TaggedObject? { try await base.readTagged(key) }
    func delete(_ keys: [String]) async -> [StoreError] { await base.delete(keys) }
    func list(_ prefix: String) async throws(StoreError) -> [String] { try await base.list(prefix) }
    func tags(_ prefix: String) async throws(StoreError) -> [String: String] { try await base.tags(prefix) }

    func write(
        _ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes, condition: S3WriteCondition?
    ) async throws(StoreError) {
        if key.hasSuffix(ShardMarker.claimSuffix), await finalizedByTheOther.set() {
            try await base.write(key, Data("{\"shard\":\"1/2\"}".utf8), md5: "", attributes: attributes, condition: .absent)
            let markers = try await base.list(ShardMarker.folder).filter { $0.hasSuffix(".json") }
            #expect(await base.delete(markers).isEmpty)
            #expect(await base.delete([key]).isEmpty)
        }
        try await base.write(key, data, md5: md5, attributes: attributes, condition: condition)
    }
}

/// Set once; `set()` says whether this call set it.
private actor Flag {
    private(set) var value = false
    func set() -> Bool {
        defer { value = true }
        return !value
    }
}
