import Render
import TabiCore

/// `nightly/index.json`: every trip's record in short (what a plan compares and what the
/// listings show), kept by the finalize step, so a night reads one object instead of the 256
/// record buckets. Each of its buckets says which version (tag) of the record bucket it was
/// made from: a reader reads again only the record buckets whose tag changed since (a shard
/// that ran after it, a run that was killed), so it is never trusted beyond what it was made from.
public struct SiteIndex: Codable, Sendable, Equatable {
    public var version = SiteIndex.currentVersion
    /// Record bucket name (``TripRecordBucket/name(_:)``) → its trips in short.
    public var buckets: [String: Bucket] = [:]
    /// Trip id → the story HTML of the trips the feed shows (the listing entries leave it out:
    /// the feed carries the newest few only).
    public var feed: [String: String] = [:]

    public static let currentVersion = 1
    public static let name = "nightly/index.json"

    /// One record bucket in short.
    public struct Bucket: Codable, Sendable, Equatable {
        /// The record bucket's tag when it was read.
        public var tag: String
        /// Trip id → its record in short.
        public var trips: [String: Entry]
    }

    /// One trip's record in short.
    public struct Entry: Codable, Sendable, Equatable {
        public var slug: String
        /// ``TripRecord/inputs``.
        public var inputs: String
        public var failed: Bool
        /// ``TripRecord/listing`` without its story HTML.
        public var listing: ListingEntry?
    }

    public init() {}

    /// The bucket numbers among `wanted` whose tag in `current` (a listing of the state store)
    /// is not the one this index was made from: added, changed or removed since.
    public func staleBuckets(_ wanted: [Int], current: [Int: String]) -> [Int] {
        wanted.filter { current[$0] != buckets[TripRecordBucket.name($0)]?.tag }
    }

    /// Takes bucket `number`'s trips from its record as read now (no tag: there is no such
    /// record any more).
    public mutating func update(bucket number: Int, from read: TaggedBucket) {
        guard let tag = read.tag else {
            buckets[TripRecordBucket.name(number)] = nil
            return
        }
        buckets[TripRecordBucket.name(number)] = Bucket(tag: tag, trips: read.record.trips.mapValues { trip in
            var listing = trip.listing
            listing?.storyHTML = nil
            return Entry(slug: trip.slug, inputs: trip.inputs, failed: trip.failed, listing: listing)
        })
    }

    /// What listings made from the record buckets with these `tags`, and pages of the site
    /// settings and theme `siteKey`, are made from.
    public static func fingerprint(siteKey: String, tags: [Int: String]) -> String {
        ContentHash.sha256(([siteKey] + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\n"))
    }

    /// Every trip, by id.
    public var trips: [String: Entry] {
        var all: [String: Entry] = [:]
        for bucket in buckets.values { all.merge(bucket.trips) { first, _ in first } }
        return all
    }

    /// The trips of the record buckets `numbers`, by id.
    public func trips(in numbers: [Int]) -> [String: Entry] {
        var found: [String: Entry] = [:]
        for number in numbers {
            found.merge(buckets[TripRecordBucket.name(number)]?.trips ?? [:]) { first, _ in first }
        }
        return found
    }
}
