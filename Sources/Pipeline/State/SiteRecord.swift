import TabiCore

/// `nightly/site.json`: what the finalize step last published that belongs to no trip: the
/// listings (home page, feed, sitemap, 404 page, robots.txt) and the theme's assets.
public struct SiteRecord: Codable, Sendable, Equatable {
    public var version = SiteRecord.currentVersion
    /// Site path → hex MD5 of the stored bytes.
    public var files: [String: String] = [:]

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

    public init(run: String, shard: String, invalidate: [String], orphans: [String]) {
        self.run = run
        self.shard = shard
        self.invalidate = invalidate
        self.orphans = orphans
    }

    public static let folder = "nightly/done/"

    public static func name(run: String, shard: TripShard) -> String {
        "\(folder)\(run)/\(shard.index)-of-\(shard.count).json"
    }
}
