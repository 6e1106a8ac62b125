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
    /// ``Finalizer/LinkKeys/chunks(_:)`` of the listing order the pages have their links for:
    /// one hash per run of ``Finalizer/LinkKeys/chunkSize`` trips, empty where a page of the run
    /// failed. A run whose hash is the same again keeps its keys without one being worked out
    /// for each trip (a trip that moves among those of its start date changes a run or two).
    public var linkedChunks: [String]?

    public static let currentVersion = 1
    public static let name = "nightly/site.json"

    public init() {}

    // MARK: - Coding

    private enum CodingKeys: String, CodingKey {
        case version, files, listedFrom, listed, pageKeys, links, linkLines, linkedChunks
    }

    /// ``links`` is kept as one string of lines, `<trip id> <key>` sorted by id (`linkLines`):
    /// one entry per trip made site.json a JSON object of 10,000 members at 10,000 trips,
    /// which a night decoded and encoded again for a handful of changed keys. A record
    /// that has them as an object (`links`, as before) still reads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        files = try container.decode([String: String].self, forKey: .files)
        listedFrom = try container.decodeIfPresent(String.self, forKey: .listedFrom)
        listed = try container.decodeIfPresent(Int.self, forKey: .listed)
        pageKeys = try container.decodeIfPresent([String: String].self, forKey: .pageKeys)
        linkedChunks = try container.decodeIfPresent([String].self, forKey: .linkedChunks)
        if let lines = try container.decodeIfPresent(String.self, forKey: .linkLines) {
            links = try Self.links(fromLines: lines, in: container)
        } else {
            links = try container.decodeIfPresent([String: String].self, forKey: .links)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(files, forKey: .files)
        try container.encodeIfPresent(listedFrom, forKey: .listedFrom)
        try container.encodeIfPresent(listed, forKey: .listed)
        try container.encodeIfPresent(pageKeys, forKey: .pageKeys)
        try container.encodeIfPresent(linkedChunks, forKey: .linkedChunks)
        if let links, !links.allSatisfy({ Self.fitsALine($0.key) && Self.fitsALine($0.value) }) {
            try container.encode(links, forKey: .links)
        } else if let links {
            var lines = ""
            lines.reserveCapacity(links.count * 54)
            for id in links.keys.sorted() {
                lines += id
                lines += " "
                lines += links[id] ?? ""
                lines += "\n"
            }
            try container.encode(lines, forKey: .linkLines)
        }
    }

    /// Text that can stand as an id or a key of `linkLines` (trip ids are UUIDs and keys hex;
    /// anything else is written as an object).
    private static func fitsALine(_ text: String) -> Bool {
        !text.isEmpty && !text.utf8.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") }
    }

    /// The links of `linkLines`: a line without its space, or an id twice, is an error.
    private static func links(fromLines text: String, in container: KeyedDecodingContainer<CodingKeys>) throws -> [String: String] {
        var links: [String: String] = [:]
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            guard let space = line.firstIndex(of: UInt8(ascii: " ")),
                links.updateValue(
                    String(decoding: line[line.index(after: space)...], as: UTF8.self),
                    forKey: String(decoding: line[..<space], as: UTF8.self)) == nil
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .linkLines, in: container, debugDescription: "a line that is not <trip id> <key>, or an id twice")
            }
        }
        return links
    }
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
    /// Trip id → the link key (``Finalizer/LinkKeys``) of the links a page the shard put carries:
    /// those of the listing order as the shard saw it (a run on one worker, which finalizes right
    /// after). The finalize step puts other links in only where its order gives another key.
    public var linked: [String: String]?

    public init(
        run: String, shard: String, invalidate: [String], orphans: [String], stamps: [String: String] = [:],
        relink: [String] = [], linked: [String: String] = [:]
    ) {
        self.run = run
        self.shard = shard
        self.invalidate = invalidate
        self.orphans = orphans
        self.stamps = stamps.isEmpty ? nil : stamps
        self.relink = relink.isEmpty ? nil : relink
        self.linked = linked.isEmpty ? nil : linked
    }

    /// Whether the finalize step has nothing to do for it.
    public var isEmpty: Bool {
        invalidate.isEmpty && orphans.isEmpty && (stamps ?? [:]).isEmpty && (relink ?? []).isEmpty && (linked ?? [:]).isEmpty
    }

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
