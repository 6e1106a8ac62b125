import ContentStore
import Foundation
import Render
import TabiCore

/// What one shard does with each of its trips, decided from `Content/trips/` and the records
/// alone: plain data, printed by `--dry-run`.
public struct TripPlan: Sendable {
    /// What happens to a trip, and why.
    public enum Action: String, Sendable, Codable {
        /// No record: never published.
        case new
        /// Its inputs differ from the record's, or something of it failed last time.
        case changed
        /// Same inputs: nothing is done.
        case unchanged
        /// Recorded but no longer in `Content/trips/` (private or deleted in the app): its pages
        /// and photos go.
        case withdrawn
    }

    public struct Item: Sendable {
        public var id: String
        public var slug: String
        public var action: Action
        /// Why, for people: `inputs changed`, `failed last run`, `not in Content/trips/`.
        public var reason: String
        /// The photos of a trip to build (new and changed trips), whose derivatives are made
        /// before any page. The rest of its content is read again when its pages are made (see
        /// ``TripBuilder``), so a plan holds no trip's posts or story.
        public var photos: [Photo] = []
        /// Where a trip to build goes in the listings (``ListingEntry/placement(of:)``; nil: no
        /// listing shows it), known before its pages are rendered.
        public var placement: ListingPlacement?
        public var inputs: String?
        /// ``TripInputs/contentHash(tripJSON:story:)`` of its files, and their ``TripStamps/key``.
        public var files: String?
        public var stamps: String?
        /// The record as the last run left it.
        public var record: TripRecord?
        /// The state bucket it is recorded in.
        public var bucket: Int
    }

    /// A trip of the shard left as it is: only named, since at 10,000 trips a night makes
    /// nothing else of nearly all of them.
    public struct Unchanged: Sendable, Equatable {
        public var id: String
        public var slug: String
        /// Why such a trip is left, for people.
        public static let reason = "same inputs as published"
    }

    /// The trips of the shard something is done to (new, changed, withdrawn), by id order.
    public var items: [Item]
    /// The trips of the shard left as they are (same inputs as published), in no set order.
    public var unchanged: [Unchanged] = []
    /// Trips of `Content/` that could not be read: named, and their records (and pages) kept.
    public var broken: [ContentError]
    /// Trip id → the stamps of its files, for the shard's unchanged trips whose files were read
    /// again (their stamps were not the recorded ones) and found the same: the next run trusts
    /// these stamps instead.
    public var restamped: [String: String] = [:]
    /// Trip files read (the rest were known by their stamps).
    public var filesRead = 0

    public func items(_ action: Action) -> [Item] { items.filter { $0.action == action } }

    /// The record buckets the run must read in full: those of the trips it builds or takes out
    /// (their records are rewritten whole, and their pages compared with what is published).
    public var bucketsToRead: [Int] {
        Array(Set(items.map(\.bucket))).sorted()
    }

    /// The new and changed trips: those to build.
    public var toBuild: [Item] { items.filter { $0.action == .new || $0.action == .changed } }

    /// The plan with each trip's full record from `buckets` (read after planning, and only the
    /// ``bucketsToRead``).
    public func attaching(_ buckets: [Int: TripRecordBucket]) -> TripPlan {
        var plan = self
        for index in plan.items.indices {
            plan.items[index].record = buckets[plan.items[index].bucket]?.trips[plan.items[index].id]
        }
        return plan
    }

    /// Reads the shard's trips from `content` and sets them against what was published, `known`
    /// (every trip's record in short, by id; the shard's own buckets up to date).
    ///
    /// A trip whose `trip.json` and `story.md` have the stamps (size, modification time) its
    /// record saw is not read at all, unless `rehash`; one whose files hash to what its record
    /// says is unchanged, and not decoded. The same checks tell, without decoding, that a trip
    /// of another shard is not this one's. So a night costs an `lstat` per trip until something
    /// changed.
    public static func make(
        content: ContentDirectory, shard: TripShard, inputs: TripInputs,
        known: [String: SiteIndex.Trip], rehash: Bool = false
    ) throws(ContentError) -> TripPlan {
        try make(content: content, stamped: content.tripStamps(), shard: shard, inputs: inputs, known: known, rehash: rehash)
    }

    /// The same, from the ``ContentDirectory/tripStamps()`` of `content` taken by the caller
    /// (while it read the records, say).
    public static func make(
        content: ContentDirectory, stamped: (trips: [TripStamps], invalid: [ContentError]), shard: TripShard,
        inputs: TripInputs, known: [String: SiteIndex.Trip], rehash: Bool = false
    ) throws(ContentError) -> TripPlan {
        try make(content: content, stamped: stamped, shard: shard, inputs: inputs, known: BucketIndex(entries: known), rehash: rehash)
    }

    /// The same, from the site index's buckets as they are: every trip is looked up by its slug,
    /// with its id and state bucket, so a trip known by its stamps costs no hash of its id and
    /// no lookup by it (at 10,000 trips a night does nothing else for nearly all of them).
    public static func make(
        content: ContentDirectory, stamped: (trips: [TripStamps], invalid: [ContentError]), shard: TripShard,
        inputs: TripInputs, known: BucketIndex<SiteIndex.Trip>, rehash: Bool = false
    ) throws(ContentError) -> TripPlan {
        let (trips, invalid) = stamped
        var plan = TripPlan(items: [], broken: invalid)
        var brokenSlugs = Set(invalid.compactMap(\.slug))
        var knownBySlug: [String: (id: String, trip: SiteIndex.Trip, bucket: Int)] = [:]
        knownBySlug.reserveCapacity(known.buckets.values.reduce(0) { $0 + $1.entries.count })
        for (name, indexed) in known.buckets {
            let number = TripRecordBucket.number(ofName: name)
            for (id, trip) in indexed.entries { knownBySlug[trip.slug] = (id, trip, number ?? TripShard.bucket(of: id)) }
        }
        /// Trip `id`'s entry in the index, and its state bucket.
        func lookUp(_ id: String) -> (record: SiteIndex.Trip?, bucket: Int) {
            let bucket = TripShard.bucket(of: id)
            return (known.buckets[TripRecordBucket.name(bucket)]?.entries[id], bucket)
        }
        // A later folder with the same id wins: `last` gives each id's last folder, in the
        // order `trips` gives them, and the others are dropped at the end (a rare case).
        var items: [(folder: Int, item: Item)] = []
        var unchanged: [(folder: Int, trip: Unchanged)] = []
        var last: [String: Int] = [:]
        var repeated = false
        unchanged.reserveCapacity(trips.count)
        last.reserveCapacity(trips.count)
        for (folder, stamped) in trips.enumerated() {
            let slug = stamped.slug, stamps = stamped.key
            do throws(ContentError) {
                let recorded = knownBySlug[slug]
                var read: (tripJSON: Data, story: Data?)?
                var files: String
                if !rehash, let recorded, recorded.trip.stamps == stamps, let hash = recorded.trip.content {
                    files = hash
                } else {
                    let (tripJSON, story) = try Self.files(of: slug, in: content)
                    read = (tripJSON, story)
                    files = TripInputs.contentHash(tripJSON: tripJSON, story: story)
                    plan.filesRead += 1
                }
                var hash = inputs.hash(content: files)
                // The same files as a record says: the same trip, whose id the record gives.
                var trip: Trip?
                let id: String
                if let recorded, recorded.trip.content == files || recorded.trip.inputs == hash {
                    id = recorded.id
                } else if let read {
                    let decoded = try content.trip(slug, from: read.tripJSON)
                    (trip, id) = (decoded, decoded.id)
                } else {
                    continue  // unreachable: files known by stamps are a record's
                }
                let (record, bucket) = recorded.map { $0.id == id ? ($0.trip, $0.bucket) : lookUp(id) } ?? lookUp(id)
                guard shard.contains(bucket: bucket) else { continue }
                let (action, reason): (Action, String) =
                    switch record {
                    case nil: (.new, "not published yet")
                    case let record? where record.failed: (.changed, "something of it failed last run")
                    case let record? where record.inputs != hash: (.changed, "trip.json, story.md, the settings or the theme changed")
                    default: (.unchanged, Unchanged.reason)
                    }
                if action == .unchanged {
                    if last.updateValue(folder, forKey: id) != nil { repeated = true }
                    if read != nil, record?.stamps != stamps { plan.restamped[id] = stamps }
                    unchanged.append((folder, Unchanged(id: id, slug: slug)))
                    continue
                }
                if read == nil {
                    let (tripJSON, story) = try Self.files(of: slug, in: content)
                    read = (tripJSON, story)
                    // What is built is what is hashed.
                    files = TripInputs.contentHash(tripJSON: tripJSON, story: story)
                    hash = inputs.hash(content: files)
                }
                guard let (tripJSON, storyBytes) = read else { continue }
                let decoded = if let trip { trip } else { try content.trip(slug, from: tripJSON) }
                // A story that cannot be read keeps the trip as it is published (it is broken).
                var story: Story?
                if let storyBytes { story = try content.story(slug, from: storyBytes) }
                let item = Item(
                    id: id, slug: slug, action: action, reason: reason, photos: decoded.photos,
                    placement: ListingEntry.placement(of: TripContent(trip: decoded, story: story)), inputs: hash, files: files,
                    stamps: stamps, record: nil, bucket: bucket)
                if last.updateValue(folder, forKey: id) != nil { repeated = true }
                items.append((folder, item))
            } catch {
                plan.broken.append(error)
                brokenSlugs.insert(slug)
            }
        }
        if repeated {
            items.removeAll { last[$0.item.id] != $0.folder }
            unchanged.removeAll { last[$0.trip.id] != $0.folder }
        }
        var kept = items.map(\.item)
        var withdrawn = Set<String>()
        for (id, entry) in known.buckets.values.lazy.flatMap(\.entries) where last[id] == nil && !brokenSlugs.contains(entry.slug) {
            let bucket = TripShard.bucket(of: id)
            guard shard.contains(bucket: bucket), withdrawn.insert(id).inserted else { continue }
            kept.append(
                Item(
                    id: id, slug: entry.slug, action: .withdrawn, reason: "no longer in Content/trips/ (private or deleted)",
                    inputs: nil, files: nil, stamps: nil, record: nil, bucket: bucket))
        }
        kept.sort { $0.id < $1.id }
        plan.items = kept
        plan.unchanged = unchanged.map(\.trip)
        return plan
    }

    /// The bytes of a trip's `trip.json` and `story.md` (nil: it has none), never through a link.
    static func files(of slug: String, in content: ContentDirectory) throws(ContentError) -> (tripJSON: Data, story: Data?) {
        let tripJSON = try content.read("trips/\(slug)/trip.json", maxBytes: ContentDirectory.maximumTripFileBytes)
        let story: Data? =
            content.confined.kind(of: "trips/\(slug)/story.md") == .missing
            ? nil
            : try content.read("trips/\(slug)/story.md", maxBytes: ContentDirectory.maximumStoryFileBytes)
        return (tripJSON, story)
    }
}
