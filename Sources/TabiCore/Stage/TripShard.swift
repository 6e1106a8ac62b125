/// A stable, disjoint share of the trips: shard `index` of `count` takes the trips whose state
/// bucket (the first byte of the SHA-256 of the trip id, 0–255) is `index` modulo `count`. So `count`
/// workers cover every trip exactly once, and every state bucket belongs to exactly one shard,
/// whatever `count` is: shards never write the same record.
public struct TripShard: Sendable, Hashable, CustomStringConvertible {
    /// From 0 to `count − 1`.
    public let index: Int
    public let count: Int

    /// How many buckets trip state is spread over.
    public static let bucketCount = 256

    /// Every trip.
    public static let all = TripShard(validIndex: 0, count: 1)

    public init(index: Int, count: Int) throws(TripShardError) {
        guard count >= 1, count <= Self.bucketCount else { throw .badCount(count) }
        guard index >= 0, index < count else { throw .badIndex(index, count: count) }
        self.index = index
        self.count = count
    }

    private init(validIndex: Int, count: Int) {
        index = validIndex
        self.count = count
    }

    /// Reads `K/N`, as `--shard` takes it.
    public init(parsing text: String) throws(TripShardError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { throw .unreadable(text) }
        try self.init(index: index, count: count)
    }

    /// The state bucket of a trip id (lower-cased first, so a UUID's case never moves it).
    public static func bucket(of tripID: String) -> Int {
        // Ids are lower-case already (UUIDs as extract writes them): hashed as they are, with
        // no lower-cased copy (a plan works this out twice a trip).
        let lower = tripID.utf8.allSatisfy { !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) && $0 < 0x80 }
        return Int(ContentHash.firstByteOfSHA256(lower ? tripID : tripID.lowercased()))
    }

    public func contains(tripID: String) -> Bool { contains(bucket: Self.bucket(of: tripID)) }

    public func contains(bucket: Int) -> Bool { bucket % count == index }

    /// The state buckets of this shard.
    public var buckets: [Int] { (0..<Self.bucketCount).filter(contains(bucket:)) }

    public var isWhole: Bool { count == 1 }

    /// `2/8`.
    public var description: String { "\(index)/\(count)" }
}

/// A shard that cannot be.
public enum TripShardError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case badCount(Int)
    case badIndex(Int, count: Int)

    public var description: String {
        switch self {
        case .unreadable(let text): "\(text) is not a shard: write K/N, e.g. 0/4"
        case .badCount(let count): "\(count) shards: there can be 1 to \(TripShard.bucketCount)"
        case .badIndex(let index, let count): "shard index \(index) is not between 0 and \(count - 1)"
        }
    }
}
