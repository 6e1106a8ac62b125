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
        /// The trip to build (new and changed trips).
        public var content: TripContent?
        public var inputs: String?
        /// The record as the last run left it.
        public var record: TripRecord?
        /// The state bucket it is recorded in.
        public var bucket: Int
    }

    /// Every trip of the shard, by id order.
    public var items: [Item]
    /// Trips of `Content/` that could not be read: named, and their records (and pages) kept.
    public var broken: [ContentError]

    public func items(_ action: Action) -> [Item] { items.filter { $0.action == action } }

    /// Reads the shard's trips from `content` and sets them against `records`.
    public static func make(content: ContentDirectory, shard: TripShard, inputs: TripInputs,
                            records: [Int: TripRecordBucket]) throws(ContentError) -> TripPlan {
        let (slugs, invalid) = try content.slugs()
        var broken = invalid
        var brokenSlugs = Set(invalid.compactMap(\.slug))
        var items: [String: Item] = [:]
        for slug in slugs {
            do {
                let tripJSON = try content.read("trips/\(slug)/trip.json", maxBytes: ContentDirectory.maximumTripFileBytes)
                let trip = try content.trip(slug, from: tripJSON)
                guard shard.contains(tripID: trip.id) else { continue }
                let storyBytes: Data? = content.confined.kind(of: "trips/\(slug)/story.md") == .missing ? nil
                    : try content.read("trips/\(slug)/story.md", maxBytes: ContentDirectory.maximumStoryFileBytes)
                let story = try content.story(slug)
                let bucket = TripShard.bucket(of: trip.id)
                let record = records[bucket]?.trips[trip.id]
                let hash = inputs.hash(tripJSON: tripJSON, story: storyBytes)
                let (action, reason): (Action, String) = switch record {
                case nil: (.new, "not published yet")
                case let record? where record.failed: (.changed, "something of it failed last run")
                case let record? where record.inputs != hash: (.changed, "trip.json, story.md, the settings or the theme changed")
                default: (.unchanged, "same inputs as published")
                }
                items[trip.id] = Item(id: trip.id, slug: slug, action: action, reason: reason,
                                      content: TripContent(trip: trip, story: story), inputs: hash, record: record,
                                      bucket: bucket)
            } catch {
                broken.append(error)
                brokenSlugs.insert(slug)
            }
        }
        for bucket in shard.buckets {
            for (id, record) in records[bucket]?.trips ?? [:] where items[id] == nil && !brokenSlugs.contains(record.slug) {
                items[id] = Item(id: id, slug: record.slug, action: .withdrawn, reason: "no longer in Content/trips/ (private or deleted)",
                                 content: nil, inputs: nil, record: record, bucket: bucket)
            }
        }
        return TripPlan(items: items.values.sorted { $0.id < $1.id }, broken: broken)
    }
}
