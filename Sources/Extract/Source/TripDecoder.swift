import PostgresClient
import TabiCore

/// One trip read from the database and decoded: its row, its destinations, its public posts with
/// their photos as `trip.json` text, and what is needed to stamp it.
struct SourceTrip {
    var id: String
    /// Nil when the trip's own row cannot be used (see `problems`).
    var header: TripHeader?
    var destinations: [Destination]
    /// The latest `updated_at` of the trip, its destinations and its public posts.
    var updatedAt: Timestamp?
    var problems: [ExtractProblem]
}

/// Decodes a trip's rows (``TripRows``) with ``SourceRows``, writing its posts into a
/// ``TripJSONPosts``. One per writing thread: it keeps its scratch space from trip to trip.
struct TripDecoder {
    /// The ids of the posts of the trip being decoded, to find the post of each photo.
    private var postIds = PostIds()

    /// The trip; its posts and photos go to `posts` (emptied first).
    mutating func decode(_ source: TripRows, posts: inout TripJSONPosts) -> SourceTrip {
        posts.removeAll()
        var rows = SourceRows(tripId: source.id)
        var header = rows.trip(source.trip)
        var updatedAt = header?.updatedAt

        var destinations: [Destination] = []
        destinations.reserveCapacity(source.destinations.count)
        for row in source.destinations {
            let (destination, changed) = rows.destination(row)
            destinations.append(destination)
            updatedAt = Self.latest(updatedAt, changed)
        }

        postIds.removeAll()
        for row in source.posts {
            guard let (index, changed) = rows.post(row, into: &posts) else { continue }
            postIds.append(row, column: 1, index: index)
            updatedAt = Self.latest(updatedAt, changed)
        }

        // Photos come grouped by post: a post is looked up once per group.
        var previousPost = PreviousValue()
        var postOfPhotos: Int?
        let cover = header?.coverPhotoId
        var coverSeen = false
        for row in source.photos {
            if !previousPost.repeats(row, column: 1) { postOfPhotos = postIds.index(of: row, column: 1) }
            if rows.photo(row, to: postOfPhotos, into: &posts), let cover, !coverSeen {
                coverSeen = row.withBytes(2) { cover.utf8.elementsEqual($0) } ?? false
            }
        }
        if cover != nil, !coverSeen { header?.coverPhotoId = nil }  // a photo of a private post, or gone

        return SourceTrip(
            id: source.id, header: header, destinations: destinations, updatedAt: updatedAt,
            problems: rows.problems)
    }

    private static func latest(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}

/// The ids of a trip's posts, kept as bytes, so a photo's post is found without making strings.
/// A post id is unique with its timestamp only: a photo goes to its post's first (oldest) row.
private struct PostIds {
    private var bytes: [UInt8] = []
    private var entries: [(start: Int, end: Int, index: Int)] = []
    private var sorted = true

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        sorted = true
    }

    /// Adds the id in `column` of `row` (none when NULL) for the post at `index`.
    mutating func append(_ row: PostgresRow, column: Int, index: Int) {
        let start = bytes.count
        guard row.withBytes(column, { bytes.append(contentsOf: $0) }) != nil else { return }
        entries.append((start, bytes.count, index))
        sorted = false
    }

    /// The index of the first post whose id is in `column` of `row`; nil when none or NULL.
    mutating func index(of row: PostgresRow, column: Int) -> Int? {
        if !sorted {
            bytes.withUnsafeBufferPointer { all in
                entries.sort { a, b in
                    let order = TripStream.compare(
                        UnsafeBufferPointer(rebasing: all[a.start..<a.end]),
                        UnsafeBufferPointer(rebasing: all[b.start..<b.end]))
                    return order != 0 ? order < 0 : a.index < b.index
                }
            }
            sorted = true
        }
        return row.withBytes(column) { id -> Int? in
            bytes.withUnsafeBufferPointer { all -> Int? in
                // The first entry not below `id`, by binary search.
                var low = 0, high = entries.count
                while low < high {
                    let middle = (low + high) / 2
                    let entry = entries[middle]
                    if TripStream.compare(UnsafeBufferPointer(rebasing: all[entry.start..<entry.end]), id) < 0 {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                guard low < entries.count else { return nil }
                let entry = entries[low]
                return TripStream.compare(UnsafeBufferPointer(rebasing: all[entry.start..<entry.end]), id) == 0 ? entry.index : nil
            }
        } ?? nil
    }
}
