import Images
import Render
import TabiCore

/// What the bucket holds for one trip, as the last run that published it left it: enough to skip
/// the trip when its inputs did not change, to delete its pages when it goes, and to write the
/// listings without reading it again.
public struct TripRecord: Codable, Sendable, Equatable {
    public var slug: String
    /// ``TripInputs/hash``: the site's settings and theme, `trip.json` and `story.md`.
    public var inputs: String
    /// Site path → hex MD5 of the stored bytes, for the trip's pages.
    public var pages: [String: String]
    /// Derivative paths its pages show.
    public var media: [String]
    /// Photo id → the original and the renditions made from it (so a later run reuses them
    /// without fetching anything).
    public var photos: [String: PublishedPhoto]
    /// The entry the listings show; nil for an unlisted trip.
    public var listing: ListingEntry?
    /// Something of the trip failed (a photo, the story): it is built again next run.
    public var failed: Bool
    /// ``TripInputs/contentHash(tripJSON:story:)`` of the files it was built from.
    public var content: String?
    /// ``TripStamps/key`` of those files when they were read: the same stamps later, and they
    /// are not read again.
    public var stamps: String?

    public init(
        slug: String, inputs: String, pages: [String: String], media: [String], photos: [String: PublishedPhoto],
        listing: ListingEntry?, failed: Bool, content: String? = nil, stamps: String? = nil
    ) {
        self.slug = slug
        self.inputs = inputs
        self.pages = pages
        self.media = media
        self.photos = photos
        self.listing = listing
        self.failed = failed
        self.content = content
        self.stamps = stamps
    }
}

/// One photo as published: its original and renditions.
public struct PublishedPhoto: Codable, Sendable, Equatable {
    public var source: PhotoSource
    public var renditions: PhotoRenditions
}

/// `nightly/trips/<hh>.json`: the records of the trips whose state bucket is `hh`.
public struct TripRecordBucket: Codable, Sendable, Equatable {
    public var version = TripRecordBucket.currentVersion
    /// Trip id → record.
    public var trips: [String: TripRecord] = [:]

    public static let currentVersion = 1

    public init() {}

    /// Where the buckets are in the state store.
    public static let folder = "nightly/trips/"

    /// The record's name in the state store.
    public static func name(_ bucket: Int) -> String {
        folder + String(format: "%02x", bucket) + ".json"
    }

    /// The bucket number a record name is for (``name(_:)`` read back), nil for any other name.
    public static func number(ofName name: String) -> Int? {
        guard name.hasPrefix(folder), name.hasSuffix(".json") else { return nil }
        let hex = name.dropFirst(folder.count).dropLast(".json".count)
        guard hex.utf8.count == 2, let number = Int(hex, radix: 16), name == Self.name(number) else { return nil }
        return number
    }

    /// Every derivative the trips show, with their sizes, to reuse without fetching.
    public var published: PublishedDerivatives {
        var published = PublishedDerivatives()
        for record in trips.values {
            for photo in record.photos.values { published.add(photo.source, renditions: photo.renditions) }
        }
        return published
    }
}
