import Foundation
import PostgresClient
import TabiCore

/// One trip's rows as read, the text left in place in the results it came in (which they keep
/// alive): the trip's own row, its destinations, its public posts and their photos, in the
/// streams' order, each photo once.
struct TripRows: Sendable {
    var id: String
    var trip: PostgresRow
    var destinations: [PostgresRow] = []
    var posts: [PostgresRow] = []
    var photos: [PostgresRow] = []
}

/// Reads trips one at a time by merging four ordered streams (trips, destinations, posts, photos),
/// each a server-side cursor read in batches: four queries however many trips and posts there are,
/// and memory for one trip plus a batch or two per stream.
///
/// Given the id of the run's exported snapshot, each stream gets a connection of its own that
/// joins that snapshot, and asks for its next batch as soon as one arrives: the server sorts and
/// sends while this side decodes. Reading everything, the posts and the photos (the slowest
/// queries, whose sorts every trip waits for) are each read in two halves by trip id, each half on
/// a connection of its own, so the server sorts them on more cores: the first half's rows come
/// sooner, and the second's are ready when the first is read. Without a snapshot id (or when the
/// extra connections cannot be had, e.g. a role's connection limit), all cursors share the run's
/// connection and wait in turn.
final class TripStream {
    private let trips: Cursor
    private let destinations: Cursor
    private let posts: CursorChain
    private let photos: CursorChain
    /// The streams' own connections, when reading in parallel.
    private let readers: [Connection]
    /// The id of the photo read last.
    private var previousPhoto = PreviousValue()

    /// Whether the streams read over connections of their own (else over the run's).
    var isParallel: Bool { !readers.isEmpty }

    /// How many connections of their own the streams read over (none: the run's).
    var connectionCount: Int { readers.count }

    /// Statements sent on the streams' own connections.
    var statementCount: Int { readers.reduce(0) { $0 + $1.statementCount } }

    /// Declares the cursors. `tripIds` nil reads every public and unlisted trip; otherwise only
    /// those of the list that are public or unlisted.
    init(_ connection: Connection, snapshot: String?, tripIds: [String]?, batchSize: Int) throws(PostgresError) {
        let ids = tripIds.map(PostgresArray.literal)
        let halves: [(from: String?, below: String?)] =
            tripIds == nil ? [(nil, SourceQueries.split), (SourceQueries.split, nil)] : [(nil, nil)]
        let streams = 2 + 2 * halves.count
        var readers: [Connection] = []
        if let snapshot, let begin = SourceQueries.begin(joining: snapshot) {
            do {
                for _ in 0..<streams {
                    let reader = try connection.reopened()
                    try reader.execute(begin, operation: "join the read-only snapshot")
                    readers.append(reader)
                }
            } catch {
                readers = []
            }
        }
        let parallel = readers.count == streams
        func cursor(
            _ index: Int, _ name: String, _ query: String, _ parameters: [String?], _ size: Int,
            _ what: String
        ) throws(PostgresError) -> Cursor {
            try Cursor(
                parallel ? readers[index] : connection, name: name, query: query, parameters: parameters,
                batchSize: size, prefetch: parallel, operation: what)
        }
        // The slowest queries first: the server starts on them while the others are declared. On
        // one connection there is nothing to gain from halves: they would be sorted one after the
        // other.
        let parts = parallel ? halves : [(nil, nil)]
        func chain(_ first: Int, _ name: String, _ query: String, _ what: String) throws(PostgresError) -> CursorChain {
            var cursors: [Cursor] = []
            for (index, half) in parts.enumerated() {
                cursors.append(
                    try cursor(
                        first + index, "tabi_\(name)_\(index + 1)", query, [ids, half.from, half.below], batchSize,
                        what))
            }
            return CursorChain(cursors)
        }
        photos = try chain(2 + halves.count, "photos", SourceQueries.photos, "read photos")
        posts = try chain(2, "posts", SourceQueries.posts, "read posts")
        destinations = try cursor(1, "tabi_destinations", SourceQueries.destinations, [ids], batchSize, "read destinations")
        trips = try cursor(0, "tabi_trips", SourceQueries.trips, [ids], max(batchSize / 20, 50), "read trips")
        self.readers = readers
    }

    /// Ends the transactions of the streams' own connections (the run's own is its caller's).
    /// COMMIT rather than ROLLBACK, though nothing was written: it closes the cursors the normal
    /// way, so the server's statistics and `auto_explain` see their queries end.
    func close() {
        for reader in readers { try? reader.execute("COMMIT", operation: "end the snapshot") }
    }

    /// The next trip's rows, in id order, or nil when all are read. `spent`, a trip written
    /// before, is taken: its storage is used again.
    ///
    /// Photos come ordered by post, then position, then id: the join through posts repeats a
    /// photo whose post id has two public rows, and the copies are neighbours, so each photo row
    /// is compared with the one before.
    func next(reusing spent: inout TripRows?) throws(PostgresError) -> TripRows? {
        guard let row = try trips.next(), let id = row.string(0) else { return nil }
        var rows = spent.take() ?? TripRows(id: id, trip: row)
        rows.id = id
        rows.trip = row
        rows.destinations.removeAll(keepingCapacity: true)
        rows.posts.removeAll(keepingCapacity: true)
        rows.photos.removeAll(keepingCapacity: true)
        try forEachRow(of: destinations, in: id) { rows.destinations.append($0) }
        try forEachRow(of: posts, in: id) { rows.posts.append($0) }
        try forEachRow(of: photos, in: id) { row in
            if !previousPhoto.repeats(row, column: 2) { rows.photos.append(row) }
        }
        return rows
    }

    /// Consumes the rows of `stream` that belong to trip `id`. Rows of a trip before it (none, as
    /// every stream has the same filter) are skipped.
    private func forEachRow(
        of stream: some RowCursor, in id: String,
        _ body: (PostgresRow) -> Void
    ) throws(PostgresError) {
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
}

/// The value a column had in the row before, kept as bytes, to see whether the next row repeats it.
struct PreviousValue {
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

/// What ``TripStream`` reads rows from: a cursor, or cursors read one after the other.
protocol RowCursor {
    func peek() throws(PostgresError) -> PostgresRow?
    func next() throws(PostgresError) -> PostgresRow?
}

extension Cursor: RowCursor {}

/// Cursors read one after the other, as one stream: each holds rows ordered after the last row
/// of the one before.
final class CursorChain: RowCursor {
    private var cursors: ArraySlice<Cursor>

    init(_ cursors: [Cursor]) { self.cursors = cursors[...] }

    func peek() throws(PostgresError) -> PostgresRow? {
        while let cursor = cursors.first {
            if let row = try cursor.peek() { return row }
            cursors.removeFirst()
        }
        return nil
    }

    func next() throws(PostgresError) -> PostgresRow? {
        guard try peek() != nil else { return nil }
        return try cursors.first?.next()
    }
}
