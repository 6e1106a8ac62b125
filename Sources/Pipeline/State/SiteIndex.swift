import Render
import TabiCore

/// `nightly/index.json`: every trip's record in short, what a plan compares, kept by the
/// finalize step, so a night reads one small object instead of the 256 record buckets.
public struct SiteIndex: Codable, Sendable, Equatable {
    public var version = SiteIndex.currentVersion
    public var trips = BucketIndex<Trip>()

    public static let currentVersion = 1
    public static let name = "nightly/index.json"

    /// What a plan needs of a trip's record.
    public struct Trip: Codable, Sendable, Equatable {
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
    }

    public init() {}

    /// What listings made from the record buckets with these `tags`, and pages of the site
    /// settings and theme `siteKey`, are made from.
    public static func fingerprint(siteKey: String, tags: [Int: String]) -> String {
        ContentHash.sha256(([siteKey] + tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }).joined(separator: "\n"))
    }
}

/// `nightly/listings.json`: every listed trip's entry, kept by the finalize step (which alone
/// reads it), so the listings are written without reading the record buckets.
public struct ListingIndex: Codable, Sendable, Equatable {
    public var version = ListingIndex.currentVersion
    /// The listing entries without their story HTML.
    public var entries = BucketIndex<ListingEntry>()
    /// Trip id → the story HTML of the trips the feed shows (empty: none), which the entries
    /// leave out: the feed carries the newest few only.
    public var feed: [String: String] = [:]

    public static let currentVersion = 1
    public static let name = "nightly/listings.json"

    public init() {}

    /// A record's listing entry as the index keeps it.
    static func entry(_ record: TripRecord) -> ListingEntry? {
        guard var listing = record.listing else { return nil }
        listing.storyHTML = nil
        return listing
    }
}
