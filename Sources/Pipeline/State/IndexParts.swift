import Foundation
import TabiCore

/// The indexes a night reads whole (``SiteIndex``, ``ListingIndex``) are kept in ``count``
/// parts, each holding the record buckets of one run of bucket numbers, so a night that changed
/// a few trips writes the parts of their buckets only: at 10,000 trips the two indexes are
/// 9 MB, which a night rewrote (and a folder store synced to disk) for one changed trip.
///
/// A part is a ``RecordLines`` text of its own. One that is missing, of another version, or
/// behind the record buckets it names (their tags changed) is only a shortcut less: its
/// buckets read as stale, and the reader takes them from the record buckets.
public struct IndexParts: Sendable, Equatable {
    /// How many parts an index is kept in.
    public static let count = 16

    /// The bytes of each part as read (part number → bytes), so only the parts whose bytes
    /// change are written back.
    var stored: [Int: Data] = [:]

    /// The part holding record bucket `name` (``TripRecordBucket/name(_:)``); part 0 for any
    /// other name.
    static func part(ofBucket name: String) -> Int {
        TripRecordBucket.number(ofName: name).map { $0 * count / TripShard.bucketCount } ?? 0
    }

    /// The part holding trip `id`'s record bucket.
    static func part(ofTrip id: String) -> Int {
        TripShard.bucket(of: id) * count / TripShard.bucketCount
    }

    /// Part `number` of the index kept under `folder` (`nightly/index/00.tsv`).
    static func name(_ number: Int, in folder: String) -> String {
        folder + String(format: "%02d", number) + ".tsv"
    }
}
