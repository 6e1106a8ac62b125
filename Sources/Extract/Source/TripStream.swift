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
    var posts: [Post]
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

    /// The next trip in id order, or nil when all are read. The text of its rows goes to `texts`
    /// (emptied first), whose storage the trip takes, leaving it empty.
    func next(texts: inout RowTexts) throws(PostgresError) -> SourceTrip? {
        guard let row = try trips.next(), let id = row.string(0) else { return nil }
        var rows = SourceRows(tripId: id)
        var digest = RowTexts()
        swap(&digest, &texts)
        digest.removeAll()
        digest.append(row, columns: SourceColumns.trip.count, of: .trip)
        let header = rows.trip(row)
        var updatedAt = header?.updatedAt

        var destinationList: [Destination] = []
        try forEachRow(of: destinations, in: id) { row in
            digest.append(row, columns: SourceColumns.destination.count, of: .destination)
            let (destination, changed) = rows.destination(row)
            destinationList.append(destination)
            updatedAt = Self.latest(updatedAt, changed)
        }

        var postList: [Post] = []
        var postIndex: [String: Int] = [:]
        try forEachRow(of: posts, in: id) { row in
            digest.append(row, columns: SourceColumns.post.count, of: .post)
            guard let (post, changed) = rows.post(row) else { return }
            // A post id is unique with its timestamp only; photos go to its first (oldest) row.
            if postIndex[post.id] == nil { postIndex[post.id] = postList.count }
            postList.append(post)
            updatedAt = Self.latest(updatedAt, changed)
        }

        // Photos come ordered by post, then position, then id: the join through posts repeats a
        // photo whose post id has two public rows, and the copies are neighbours. So each row is
        // compared with the one before, as bytes, and a post is looked up once per run of rows.
        var previousPhoto = PreviousValue(), previousPost = PreviousValue()
        var postOfPhotos: Int?
        try forEachRow(of: photos, in: id) { row in
            guard !previousPhoto.repeats(row, column: 2) else { return }
            digest.append(row, columns: SourceColumns.photo.count, of: .photo)
            if !previousPost.repeats(row, column: 1) { postOfPhotos = row.string(1).flatMap { postIndex[$0] } }
            guard let photo = rows.photo(row), let index = postOfPhotos else { return }
            postList[index].photos.append(photo)
        }

        var trip = header
        if let cover = trip?.coverPhotoId, !postList.contains(where: { $0.photos.contains { $0.id == cover } }) {
            trip?.coverPhotoId = nil  // the cover is a photo of a private post, or gone
        }
        return SourceTrip(id: id, header: trip, destinations: destinationList, posts: postList,
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

    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
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
