import Foundation
import TabiCore
import Testing

/// Shards cover every trip exactly once, whatever their number, and never share a state bucket.
@Suite struct TripShardTests {
    @Test(arguments: [1, 2, 3, 8, 64, 256])
    func shardsCoverEveryTripOnce(count: Int) throws {
        let shards = try (0..<count).map { try TripShard(index: $0, count: count) }
        for _ in 0..<500 {
            let id = UUID().uuidString.lowercased()
            #expect(shards.filter { $0.contains(tripID: id) }.count == 1)
            #expect(shards.filter { $0.contains(tripID: id.uppercased()) }.count == 1)
        }
        let buckets = shards.flatMap(\.buckets)
        #expect(buckets.count == TripShard.bucketCount && Set(buckets).count == TripShard.bucketCount)
    }

    @Test func aTripStaysInItsShard() throws {
        let id = "7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10"
        #expect(TripShard.bucket(of: id) == TripShard.bucket(of: id.uppercased()))
        #expect(TripShard.bucket(of: id) == 0x3f, "the bucket of a trip moved: every worker's records would be lost")
        // Any id is lower-cased before it is hashed, ASCII or not.
        for other in ["Trip-7", "ÉTÉ-İ-x", "plain", ""] {
            #expect(TripShard.bucket(of: other) == Int(ContentHash.sha256Bytes(other.lowercased())[0]), "\(other)")
        }
    }

    @Test func badShardsAreNamed() {
        #expect(throws: TripShardError.badIndex(3, count: 3)) { try TripShard(parsing: "3/3") }
        #expect(throws: TripShardError.badCount(0)) { try TripShard(parsing: "0/0") }
        #expect(throws: TripShardError.badCount(257)) { try TripShard(index: 0, count: 257) }
        #expect(throws: TripShardError.unreadable("1-4")) { try TripShard(parsing: "1-4") }
        #expect((try? TripShard(parsing: "2/8"))?.description == "2/8")
    }
}
