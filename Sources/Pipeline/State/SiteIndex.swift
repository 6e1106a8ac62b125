import Foundation
import Render
import TabiCore

/// `nightly/index/<00..15>.tsv`: every trip's record in short, what a plan compares, kept by the
/// finalize step, so a night reads 16 small objects instead of the 256 record buckets. Kept as
/// ``RecordLines`` in ``IndexParts``: a night reads it whole, and writes the parts that changed.
public struct SiteIndex: LinedRecord, Equatable {
    public var trips = BucketIndex<Trip>()

    static let format = "tabi-press site index 2"
    /// Where its ``IndexParts`` are.
    public static let folder = "nightly/index/"
    /// Where it was kept whole, before it was kept in parts: removed once the parts are written.
    static let wholeName = "nightly/index.tsv"

    /// What a plan needs of a trip's record.
    public struct Trip: Sendable, Equatable {
        public var slug: String
        /// ``TripRecord/inputs``.
        public var inputs: String
        public var failed: Bool
        /// ``TripRecord/content``.
        public var content: String?
        /// ``TripRecord/stamps``, or the stamps a later run found on the same files.
        public var stamps: String?

        init(_ record: TripRecord) {
            slug = record.slug
            inputs = record.inputs
            failed = record.failed
            content = record.content
            stamps = record.stamps
        }

        init(slug: String, inputs: String, failed: Bool, content: String?, stamps: String?) {
            self.slug = slug
            self.inputs = inputs
            self.failed = failed
            self.content = content
            self.stamps = stamps
        }
    }

    public init() {}

    mutating func add(rows: [[String]]) throws(RecordLinesError) {
        try trips.read(rows, fields: 5) { _, fields in
            let f = Array(fields)
            return Trip(
                slug: f[0], inputs: f[1], failed: f[2] == "1", content: f[3].isEmpty ? nil : f[3], stamps: f[4].isEmpty ? nil : f[4])
        }
    }

    func rows(part: Int) -> [[String]] {
        trips.rows(part: part) { [$0.slug, $0.inputs, $0.failed ? "1" : "0", $0.content ?? "", $0.stamps ?? ""] }
    }

    func changedParts(since original: SiteIndex) -> Set<Int> { trips.changedParts(since: original.trips) }

    mutating func merge(_ part: SiteIndex) { trips.merge(part.trips) }

    /// What listings made from the record buckets with these `tags`, and pages of the site
    /// settings and theme `siteKey`, are made from.
    public static func fingerprint(siteKey: String, tags: [Int: String]) -> String {
        ContentHash.sha256(([siteKey] + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\n"))
    }
}

/// `nightly/listings/<00..15>.tsv`: every listed trip's entry, kept by the finalize step (which
/// alone reads it) in ``IndexParts``, so the listings are written without reading the record buckets. Each entry keeps
/// what places it (``ListingPlacement``) apart from the rest, which is decoded only for the
/// pages that are rendered again.
public struct ListingIndex: LinedRecord, Equatable {
    /// The listing entries without their story HTML.
    public var entries = BucketIndex<ListedTrip>()
    /// Trip id → the story HTML of the trips the feed shows (empty: none), which the entries
    /// leave out: the feed carries the newest few only.
    public var feed: [String: String] = [:]

    static let format = "tabi-press listing index 2"
    /// Where its ``IndexParts`` are.
    public static let folder = "nightly/listings/"
    /// Where it was kept whole, before it was kept in parts: removed once the parts are written.
    static let wholeName = "nightly/listings.tsv"

    public init() {}

    mutating func add(rows: [[String]]) throws(RecordLinesError) {
        var rest: [[String]] = []
        for row in rows {
            if row.first == "F", row.count == 3 { feed[row[1]] = row[2] } else { rest.append(row) }
        }
        try entries.read(rest, fields: 7) { id, fields in ListedTrip(id: id, Array(fields)) }
    }

    /// Each feed trip's story goes with its record bucket's part.
    func rows(part: Int) -> [[String]] {
        entries.rows(part: part, \.fields)
            + feed.keys.sorted().compactMap { id in
                guard IndexParts.part(ofTrip: id) == part, let html = feed[id] else { return nil }
                return ["F", id, html]
            }
    }

    /// The parts whose buckets changed, and those of the trips whose story in the feed did.
    func changedParts(since original: ListingIndex) -> Set<Int> {
        var parts = entries.changedParts(since: original.entries)
        for id in Set(feed.keys).union(original.feed.keys) where feed[id] != original.feed[id] {
            parts.insert(IndexParts.part(ofTrip: id))
        }
        return parts
    }

    mutating func merge(_ part: ListingIndex) {
        entries.merge(part.entries)
        feed.merge(part.feed) { _, new in new }
    }

    /// A record's listing entry as the index keeps it.
    static func entry(_ record: TripRecord) -> ListedTrip? {
        guard var listing = record.listing else { return nil }
        listing.storyHTML = nil
        return ListedTrip(listing)
    }
}

/// A listed trip as the listing index keeps it: what places it, its entry's hash, and the
/// entry itself as JSON, decoded only when a page showing it is rendered.
public struct ListedTrip: Sendable, Equatable {
    public var placement: ListingPlacement
    /// SHA-256 of ``json``: a listing page is the same when its trips' hashes are.
    public var hash: String
    public var json: String

    init(_ entry: ListingEntry) {
        placement = entry.placement
        json = ListedTrip.encode(entry)
        hash = ContentHash.sha256(json)
    }

    /// From the seven fields ``fields`` gives.
    init(id: String, _ fields: [String]) {
        let tags = fields[4].isEmpty ? [] : fields[4].split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        placement = ListingPlacement(
            id: id, slug: fields[3], title: fields[2], startDate: CalendarDate(fields[0]),
            updated: Timestamp(fields[1]), tags: tags)
        hash = fields[5]
        json = fields[6]
    }

    /// Everything but the id; the tags (cleaned text, so without control characters) joined by U+001F.
    var fields: [String] {
        [
            placement.startDate?.description ?? "", placement.updated?.description ?? "", placement.title,
            placement.slug, placement.tags.joined(separator: "\u{1F}"), hash, json,
        ]
    }

    /// The whole entry (without its story HTML).
    func entry() throws -> ListingEntry {
        try JSONDecoder().decode(ListingEntry.self, from: Data(json.utf8))
    }

    private static func encode(_ entry: ListingEntry) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A ListingEntry is strings, numbers and arrays of them: it always encodes.
        return (try? encoder.encode(entry)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
