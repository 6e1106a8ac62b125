import ContentStore
import Logging
import TabiCore

/// One trip read from the database, made into the bytes of its `trip.json` (on the reading thread)
/// and waiting to be written (on the writing thread).
struct EncodedTrip: Sendable {
    var id: String
    var item: ExtractPlan.Item
    /// The bytes of `trip.json`; empty when the trip's own row was unusable (see `problems`).
    var bytes: [UInt8]
    var problems: [ExtractProblem]
    var posts: Int
    var photos: Int
}

/// Turns one trip read from the database into `Content/trips/<slug>/trip.json`, and takes trips
/// that are no longer public off the site. Records what it did, and every problem, in a report.
struct TripWriter: Sendable {
    let content: ContentDirectory
    let logger: Logger

    /// The trip as `trip.json` bytes, encoded into the storage of `buffer` (taken; left empty).
    /// Runs where the trip was read, so its model values are made and freed on one thread.
    static func encode(_ source: SourceTrip, as item: ExtractPlan.Item, into buffer: inout [UInt8]) -> EncodedTrip {
        var bytes: [UInt8] = []
        swap(&bytes, &buffer)
        var posts = 0, photos = 0
        if let header = source.header {
            let trip = Trip(
                id: source.id, slug: item.slug, title: header.title, description: header.description,
                startDate: header.startDate, endDate: header.endDate, status: header.status,
                visibility: header.visibility, author: header.author, coverPhotoId: header.coverPhotoId,
                updatedAt: source.updatedAt, destinations: source.destinations, posts: source.posts,
                source: SourceStamp(updatedAt: source.updatedAt, fingerprint: source.fingerprint))
            TripJSON.encode(trip, into: &bytes)
            posts = trip.posts.count
            photos = trip.posts.reduce(0) { $0 + $1.photos.count }
        } else {
            bytes.removeAll(keepingCapacity: true)
        }
        return EncodedTrip(id: source.id, item: item, bytes: bytes, problems: source.problems, posts: posts, photos: photos)
    }

    /// Writes the trip unless its own row was unusable; restores its withdrawn story first when
    /// it comes back. An unchanged file is left untouched.
    func write(_ trip: EncodedTrip, into report: inout ExtractReport) {
        let item = trip.item
        for var problem in trip.problems {
            problem.slug = item.slug
            note(problem, in: &report)
        }
        guard !trip.bytes.isEmpty else {
            report.failed.append(trip.id)
            return
        }
        let reference = ExtractReport.TripReference(id: trip.id, slug: item.slug)
        if item.restoresWithdrawal {
            do {
                try WithdrawnTrips(content).restore(slug: item.slug)
                report.restored.append(reference)
                logger.info("restored \(reference): public again, with the story kept when it was withdrawn")
            } catch {
                note(ExtractProblem(.warning, tripId: trip.id, slug: item.slug,
                                    reason: "its withdrawn story could not be brought back (\(error))"), in: &report)
            }
        }
        let file = content.tripFile(of: item.slug)
        let outcome = trip.bytes.withUnsafeBytes { bytes in
            Result { () throws(FileError) in try AtomicFile.write(bytes: bytes, to: file) }
        }
        switch outcome {
        case .success(let outcome):
            switch outcome {
            case .written: report.written.append(reference)
            case .unchanged: report.unchanged.append(reference)
            }
            report.posts += trip.posts
            report.photos += trip.photos
        case .failure(let error):
            report.failed.append(trip.id)
            note(ExtractProblem(.error, tripId: trip.id, slug: item.slug, reason: error.description), in: &report)
        }
    }

    /// Deletes the trip's `trip.json` and keeps the rest of its folder aside (``WithdrawnTrips``).
    func withdraw(_ entry: ContentInventory.Entry, into report: inout ExtractReport) {
        do {
            try WithdrawnTrips(content).withdraw(id: entry.id, slug: entry.slug)
            report.withdrawn.append(.init(id: entry.id, slug: entry.slug))
            logger.info("withdrawn \(entry.slug) (\(entry.id)): no longer public; its story is kept in trips/\(WithdrawnTrips.folderName)/\(entry.slug)/")
        } catch {
            note(ExtractProblem(.error, tripId: entry.id, slug: entry.slug,
                                reason: "could not be withdrawn (\(error.description))"), in: &report)
        }
    }

    /// Logs a problem as it happens and keeps it for the summary.
    func note(_ problem: ExtractProblem, in report: inout ExtractReport) {
        report.problems.append(problem)
        switch problem.severity {
        case .warning: logger.warning("\(problem.description)")
        case .error: logger.error("\(problem.description)")
        }
    }
}
