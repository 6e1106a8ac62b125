import TabiCore

/// `nightly/site.json`: what the finalize step last published that belongs to no trip: the
/// listings (home and tag pages, feed, sitemap, 404 page, robots.txt) and the theme's assets.
public struct SiteRecord: Codable, Sendable, Equatable {
    public var version = SiteRecord.currentVersion
    /// Site path → hex MD5 of the stored bytes.
    public var files: [String: String] = [:]
    /// ``SiteIndex/fingerprint(siteKey:tags:)`` of what the listings were last written from,
    /// all of them stored: the same again, and no shard left work, means nothing to do.
    public var listedFrom: String?
    /// How many trips the listings show.
    public var listed: Int?
    /// Listing page path → what it was made from (``Finalizer``'s page key): the same again,
    /// and the page is not rendered.
    public var pageKeys: [String: String]?
    /// Trip id → what the links on its page to the newer and older trip were made from (the
    /// settings and theme, and those trips' slugs and titles): the same again, and its page is
    /// left as it is.
    public var links: [String: String]?

    public static let currentVersion = 1
    public static let name = "nightly/site.json"

    public init() {}
}

/// `nightly/done/<run>/<K>-of-<N>.json`: a shard's work the finalize step still owes: the
/// paths to invalidate, and the media its trips stopped showing (deleted once no trip of any
/// shard shows them).
public struct ShardMarker: Codable, Sendable, Equatable {
    public var run: String
    public var shard: String
    public var invalidate: [String]
    public var orphans: [String]
    /// Trip id → new ``TripPlan/restamped`` stamps of the shard's unchanged trips, for the index.
    public var stamps: [String: String]?
    /// Trips whose page the shard put, rendered before the listing order was known: without
    /// its links to the newer and older trip, which the finalize step puts in.
    public var relink: [String]?

    public init(
        run: String, shard: String, invalidate: [String], orphans: [String], stamps: [String: String] = [:],
        relink: [String] = []
    ) {
        self.run = run
        self.shard = shard
        self.invalidate = invalidate
        self.orphans = orphans
        self.stamps = stamps.isEmpty ? nil : stamps
        self.relink = relink.isEmpty ? nil : relink
    }

    /// Whether the finalize step has nothing to do for it.
    public var isEmpty: Bool { invalidate.isEmpty && orphans.isEmpty && (stamps ?? [:]).isEmpty && (relink ?? []).isEmpty }

    public static let folder = "nightly/done/"

    public static func name(run: String, shard: TripShard) -> String {
        "\(folder)\(run)/\(shard.index)-of-\(shard.count).json"
    }

    /// The object the shard that finalizes a run creates first (``claimSuffix``: not a marker).
    public static func claimName(run: String) -> String {
        "\(folder)\(run)/finalize\(claimSuffix)"
    }

    public static let claimSuffix = ".claim"
}
