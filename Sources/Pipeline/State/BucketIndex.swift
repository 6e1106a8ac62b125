import TabiCore

/// The trip record buckets in short: per bucket, what a reader needs of each trip, and the tag
/// the record bucket had when it was read. A reader reads again only the record buckets whose
/// tag changed since (a shard that ran after it, a run that was killed), so it never trusts
/// the index beyond what it was made from.
public struct BucketIndex<Entry: Sendable & Equatable>: Sendable, Equatable {
    /// Record bucket name (``TripRecordBucket/name(_:)``) → its trips in short.
    public var buckets: [String: Bucket] = [:]

    /// One record bucket in short.
    public struct Bucket: Sendable, Equatable {
        /// The record bucket's tag when it was read.
        public var tag: String
        /// Trip id → what is kept of its record.
        public var entries: [String: Entry]
    }

    public init() {}

    /// Every entry of `entries` in its trip's bucket, the buckets with no tag (read again by
    /// the next reader that checks).
    public init(entries: [String: Entry]) {
        for (id, entry) in entries {
            buckets[TripRecordBucket.name(TripShard.bucket(of: id)), default: Bucket(tag: "", entries: [:])].entries[id] = entry
        }
    }

    /// The bucket numbers among `wanted` whose tag in `current` (a listing of the state store)
    /// is not the one this index was made from: added, changed or removed since.
    public func staleBuckets(_ wanted: [Int], current: [Int: String]) -> [Int] {
        wanted.filter { current[$0] != buckets[TripRecordBucket.name($0)]?.tag }
    }

    /// Takes bucket `number`'s trips from its record as read now (no tag: there is no such
    /// record any more), keeping of each what `entry` gives.
    public mutating func update(bucket number: Int, from read: TaggedBucket, entry: (TripRecord) -> Entry?) {
        guard let tag = read.tag else {
            buckets[TripRecordBucket.name(number)] = nil
            return
        }
        buckets[TripRecordBucket.name(number)] = Bucket(tag: tag, entries: read.record.trips.compactMapValues(entry))
    }

    /// Every trip's entry, by id.
    public var entries: [String: Entry] {
        var all: [String: Entry] = [:]
        all.reserveCapacity(buckets.values.reduce(0) { $0 + $1.entries.count })
        for bucket in buckets.values { all.merge(bucket.entries) { first, _ in first } }
        return all
    }

    /// Sets the entry of trip `id`, if its bucket is indexed.
    public mutating func modify(_ id: String, _ change: (inout Entry) -> Void) {
        let name = TripRecordBucket.name(TripShard.bucket(of: id))
        guard var entry = buckets[name]?.entries[id] else { return }
        change(&entry)
        buckets[name]?.entries[id] = entry
    }

    /// The index parts (``IndexParts``) holding a bucket that is not as it is in `original`:
    /// added, changed or dropped since.
    func changedParts(since original: BucketIndex) -> Set<Int> {
        var parts = Set<Int>()
        for name in Set(buckets.keys).union(original.buckets.keys) where buckets[name] != original.buckets[name] {
            parts.insert(IndexParts.part(ofBucket: name))
        }
        return parts
    }

    /// Takes in the buckets of `other`, read from another part.
    mutating func merge(_ other: BucketIndex) {
        buckets.merge(other.buckets) { _, new in new }
    }

    // MARK: - As lines (``RecordLines``)

    /// `B <bucket> <tag>`, then `E <id> <fields…>` for each of its trips, buckets and trips in
    /// order, of the buckets in index part `part` (``IndexParts``).
    func rows(part: Int, _ fields: (Entry) -> [String]) -> [[String]] {
        var rows: [[String]] = []
        for name in buckets.keys.sorted() {
            guard let bucket = buckets[name], IndexParts.part(ofBucket: name) == part else { continue }
            rows.append(["B", name, bucket.tag])
            for (id, entry) in bucket.entries.sorted(by: { $0.key < $1.key }) { rows.append(["E", id] + fields(entry)) }
        }
        return rows
    }

    /// Reads what ``rows(_:)`` wrote, each entry from `count` fields after its id.
    mutating func read(
        _ rows: [[String]], fields count: Int,
        entry: (_ id: String, _ fields: ArraySlice<String>) throws(RecordLinesError) -> Entry
    ) throws(RecordLinesError) {
        var current: String?
        for (number, row) in rows.enumerated() {
            switch row.first {
            case "B" where row.count == 3:
                current = row[1]
                buckets[row[1]] = Bucket(tag: row[2], entries: [:])
            case "E" where row.count == count + 2:
                guard let current else { throw RecordLinesError(line: number + 2, reason: "a trip before any bucket") }
                buckets[current]?.entries[row[1]] = try entry(row[1], row[2...])
            default:
                throw RecordLinesError(line: number + 2, reason: "a row of \(row.count) fields that is neither a bucket nor a trip")
            }
        }
    }
}
