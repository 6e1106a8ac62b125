import Foundation
import PostgresClient
import TabiCore

/// One trip as read from the database: its row, its destinations, its public posts with their
/// photos, and what is needed to stamp it.
struct SourceTrip: Sendable {
    var id: String
    /// Nil when the trip's own row cannot be used (see `problems`).
    var header: TripHeader?
    var destinations: [Destination]
    /// Public posts and their photos, as `trip.json` text.
    var posts: TripJSONPosts
    /// The latest `updated_at` of the trip, its destinations and its public posts.
    var updatedAt: Timestamp?
    /// What the fingerprint hashes (``RowDigest/fingerprint(of:)``).
    var rows: RowTexts
    var problems: [ExtractProblem]
}

/// Reads trips one at a time by merging four ordered streams (trips, destinations, posts, photos),
/// each a server-side cursor read in batches: four queries however many trips and posts there are,
/// and memory for one trip plus a batch or two per stream.
///
/// Given the id of the run's exported snapshot, each stream gets a connection of its own that
/// joins that snapshot, and asks for its next batch as soon as one arrives: the server sorts and
/// sends while this side decodes. Without one (or when the extra connections cannot be had, e.g.
/// a role's connection limit), all four cursors share the run's connection and wait in turn.
final class TripStream {
    private let trips: Cursor
    private let destinations: Cursor
    private let posts: Cursor
    private let photos: Cursor
    /// The streams' own connections, when reading in parallel.
    private let readers: [Connection]
    /// The ids of the posts of the trip being read, to find the post of each photo.
    private var postIds = PostIds()

    /// Whether the streams read over connections of their own (else over the run's).
    var isParallel: Bool { !readers.isEmpty }

    /// Statements sent on the streams' own connections.
    var statementCount: Int { readers.reduce(0) { $0 + $1.statementCount } }

    /// Declares the cursors. `tripIds` nil reads every public and unlisted trip; otherwise only
    /// those of the list that are public or unlisted.
    init(_ connection: Connection, snapshot: String?, tripIds: [String]?, batchSize: Int) throws(PostgresError) {
        let parameters: [String?] = [tripIds.map(PostgresArray.literal)]
        var readers: [Connection] = []
        if let snapshot, let begin = SourceQueries.begin(joining: snapshot) {
            do {
                for _ in 0..<4 {
                    let reader = try connection.reopened()
                    try reader.execute(begin, operation: "join the read-only snapshot")
                    readers.append(reader)
                }
            } catch {
                readers = []
            }
        }
        let parallel = readers.count == 4
        func cursor(_ index: Int, _ name: String, _ query: String, _ size: Int, _ what: String) throws(PostgresError) -> Cursor {
            try Cursor(parallel ? readers[index] : connection, name: name, query: query, parameters: parameters,
                       batchSize: size, prefetch: parallel, operation: what)
        }
        trips = try cursor(0, "tabi_trips", SourceQueries.trips, max(batchSize / 20, 50), "read trips")
        destinations = try cursor(1, "tabi_destinations", SourceQueries.destinations, batchSize, "read destinations")
        posts = try cursor(2, "tabi_posts", SourceQueries.posts, batchSize, "read posts")
        photos = try cursor(3, "tabi_photos", SourceQueries.photos, batchSize, "read photos")
        self.readers = readers
    }

    /// Ends the transactions of the streams' own connections (the run's own is its caller's).
    /// COMMIT rather than ROLLBACK, though nothing was written: it closes the cursors the normal
    /// way, so the server's statistics and `auto_explain` see their queries end.
    func close() {
        for reader in readers { try? reader.execute("COMMIT", operation: "end the snapshot") }
    }

    /// The next trip in id order, or nil when all are read. `spent`, a trip written before, is
    /// taken: its storage is used again.
    func next(reusing spent: inout SourceTrip?) throws(PostgresError) -> SourceTrip? {
        guard let row = try trips.next(), let id = row.string(0) else { return nil }
        var digest = RowTexts(), written = TripJSONPosts()
        if var spent = spent.take() {
            swap(&digest, &spent.rows)
            swap(&written, &spent.posts)
        }
        digest.removeAll()
        written.removeAll()

        var rows = SourceRows(tripId: id)
        digest.append(row, columns: SourceColumns.trip.count, of: .trip)
        var header = rows.trip(row)
        var updatedAt = header?.updatedAt

        var destinationList: [Destination] = []
        try forEachRow(of: destinations, in: id) { row in
            digest.append(row, columns: SourceColumns.destination.count, of: .destination)
            let (destination, changed) = rows.destination(row)
            destinationList.append(destination)
            updatedAt = Self.latest(updatedAt, changed)
        }

        postIds.removeAll()
        try forEachRow(of: posts, in: id) { row in
            digest.append(row, columns: SourceColumns.post.count, of: .post)
            guard let (index, changed) = rows.post(row, into: &written) else { return }
            postIds.append(row, column: 1, index: index)
            updatedAt = Self.latest(updatedAt, changed)
        }

        // Photos come ordered by post, then position, then id: the join through posts repeats a
        // photo whose post id has two public rows, and the copies are neighbours. So each row is
        // compared with the one before, as bytes, and a post is looked up once per run of rows.
        var previousPhoto = PreviousValue(), previousPost = PreviousValue()
        var postOfPhotos: Int?
        let cover = header?.coverPhotoId
        var coverSeen = false
        try forEachRow(of: photos, in: id) { row in
            guard !previousPhoto.repeats(row, column: 2) else { return }
            digest.append(row, columns: SourceColumns.photo.count, of: .photo)
            if !previousPost.repeats(row, column: 1) { postOfPhotos = postIds.index(of: row, column: 1) }
            if rows.photo(row, to: postOfPhotos, into: &written), let cover, !coverSeen {
                coverSeen = row.withBytes(2) { cover.utf8.elementsEqual($0) } ?? false
            }
        }
        if cover != nil, !coverSeen { header?.coverPhotoId = nil }  // a photo of a private post, or gone

        return SourceTrip(id: id, header: header, destinations: destinationList, posts: written,
                          updatedAt: updatedAt, rows: digest, problems: rows.problems)
    }

    /// Consumes the rows of `stream` that belong to trip `id`. Rows of a trip before it (none, as
    /// every stream has the same filter) are skipped.
    private func forEachRow(of stream: Cursor, in id: String,
                            _ body: (PostgresRow) -> Void) throws(PostgresError) {
        let trip = Array(id.utf8)
        while let row = try stream.peek() {
            // Compared as bytes, without making a string per row: lower-case UUID text sorts byte
            // by byte in the order PostgreSQL sorts uuid.
            let order = row.withBytes(0) { bytes in trip.withUnsafeBufferPointer { Self.compare(bytes, $0) } } ?? -1
            guard order <= 0 else { return }
            _ = try stream.next()
            if order == 0 { body(row) }
        }
    }

    /// Byte order, shorter first on a tie: lower-case UUID text sorts the way PostgreSQL sorts uuid.
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    private static func latest(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}

/// The value a column had in the row before, kept as bytes, to see whether the next row repeats it.
private struct PreviousValue {
    private var bytes: [UInt8] = []
    private var isSet = false

    /// Whether the column holds what it held in the row seen before; remembers it either way.
    /// NULL never repeats.
    mutating func repeats(_ row: PostgresRow, column: Int) -> Bool {
        let same = row.withBytes(column) { value -> Bool in
            let same = isSet && value.elementsEqual(bytes)
            if !same {
                bytes.removeAll(keepingCapacity: true)
                bytes.append(contentsOf: value)
                isSet = true
            }
            return same
        }
        if same == nil { isSet = false }
        return same ?? false
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
                    let order = Self.compare(UnsafeBufferPointer(rebasing: all[a.start..<a.end]),
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
                    if Self.compare(UnsafeBufferPointer(rebasing: all[entry.start..<entry.end]), id) < 0 {
                        low = middle + 1
                    } else {
                        high = middle
                    }
                }
                guard low < entries.count else { return nil }
                let entry = entries[low]
                return Self.compare(UnsafeBufferPointer(rebasing: all[entry.start..<entry.end]), id) == 0 ? entry.index : nil
            }
        } ?? nil
    }

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        TripStream.compare(a, b)
    }
}
