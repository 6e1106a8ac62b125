import PostgresClient
import TabiCore

/// One trip as read from the database: its row, its destinations, its public posts with their
/// photos, and what is needed to stamp it.
struct SourceTrip {
    var id: String
    /// Nil when the trip's own row cannot be used (see `problems`).
    var header: TripHeader?
    var destinations: [Destination]
    var posts: [Post]
    /// The latest `updated_at` of the trip, its destinations and its public posts.
    var updatedAt: Timestamp?
    var fingerprint: String
    var problems: [ExtractProblem]
}

/// Reads trips one at a time by merging four ordered streams (trips, destinations, posts, photos),
/// each a server-side cursor read in batches: four queries however many trips and posts there are,
/// and memory for one trip plus one batch per stream.
final class TripStream {
    private let trips: Cursor
    private let destinations: Cursor
    private let posts: Cursor
    private let photos: Cursor

    /// Declares the cursors inside the caller's transaction. `tripIds` nil reads every public and
    /// unlisted trip; otherwise only those of the list that are public or unlisted.
    init(_ connection: Connection, tripIds: [String]?, batchSize: Int) throws(PostgresError) {
        let parameters: [String?] = [tripIds.map(PostgresArray.literal)]
        trips = try Cursor(connection, name: "tabi_trips", query: SourceQueries.trips, parameters: parameters,
                           batchSize: max(batchSize / 20, 50), operation: "read trips")
        destinations = try Cursor(connection, name: "tabi_destinations", query: SourceQueries.destinations,
                                  parameters: parameters, batchSize: batchSize, operation: "read destinations")
        posts = try Cursor(connection, name: "tabi_posts", query: SourceQueries.posts, parameters: parameters,
                           batchSize: batchSize, operation: "read posts")
        photos = try Cursor(connection, name: "tabi_photos", query: SourceQueries.photos, parameters: parameters,
                            batchSize: batchSize, operation: "read photos")
    }

    /// The next trip in id order, or nil when all are read.
    func next() throws(PostgresError) -> SourceTrip? {
        guard let row = try trips.next(), let id = row.string(0) else { return nil }
        var rows = SourceRows(tripId: id)
        var digest = RowDigest()
        digest.addTrip(row, columns: SourceColumns.trip.count)
        let header = rows.trip(row)
        var updatedAt = header?.updatedAt

        var destinationList: [Destination] = []
        try forEachRow(of: destinations, in: id) { row in
            digest.addDestination(row, columns: SourceColumns.destination.count)
            let (destination, changed) = rows.destination(row)
            destinationList.append(destination)
            updatedAt = Self.latest(updatedAt, changed)
        }

        var postList: [Post] = []
        var postIndex: [String: Int] = [:]
        try forEachRow(of: posts, in: id) { row in
            digest.addPost(row, columns: SourceColumns.post.count)
            guard let (post, changed) = rows.post(row) else { return }
            // A post id is unique with its timestamp only; photos go to its first (oldest) row.
            if postIndex[post.id] == nil { postIndex[post.id] = postList.count }
            postList.append(post)
            updatedAt = Self.latest(updatedAt, changed)
        }

        var seenPhotos = Set<String>()
        try forEachRow(of: photos, in: id) { row in
            // The join through posts repeats a photo whose post id has two public rows.
            guard let photoId = row.string(2), seenPhotos.insert(photoId).inserted else { return }
            digest.addPhoto(row, columns: SourceColumns.photo.count)
            guard let (postId, photo) = rows.photo(row), let index = postIndex[postId] else { return }
            postList[index].photos.append(photo)
        }

        var trip = header
        if let cover = trip?.coverPhotoId, !postList.contains(where: { $0.photos.contains { $0.id == cover } }) {
            trip?.coverPhotoId = nil  // the cover is a photo of a private post, or gone
        }
        return SourceTrip(id: id, header: trip, destinations: destinationList, posts: postList,
                          updatedAt: updatedAt, fingerprint: digest.fingerprint, problems: rows.problems)
    }

    /// Consumes the rows of `stream` that belong to trip `id`. Rows of a trip before it (none, as
    /// every stream has the same filter) are skipped.
    private func forEachRow(of stream: Cursor, in id: String,
                            _ body: (PostgresRow) -> Void) throws(PostgresError) {
        while let row = try stream.peek() {
            let travelId = row.string(0) ?? ""
            guard travelId <= id else { return }
            _ = try stream.next()
            if travelId == id { body(row) }
        }
    }

    private static func latest(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }
}
