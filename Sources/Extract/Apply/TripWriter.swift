import ContentStore
import Foundation
import Logging
import TabiCore

/// What one writing thread keeps from trip to trip, so writing thousands of trips allocates
/// little: the decoder's scratch, the posts' text, the file's bytes, one row's text to hash.
struct TripWorkspace {
    var decoder = TripDecoder()
    var posts = TripJSONPosts()
    var file: [UInt8] = []
    var digest = RowDigest.Scratch()
}

/// Turns one trip read from the database into `Content/trips/<slug>/trip.json`, and takes trips
/// that are no longer public off the site. Records what it did, and every problem, in a report.
struct TripWriter: Sendable {
    let content: ContentDirectory
    let logger: Logger

    /// Decodes the trip's rows and writes the trip unless its own row was unusable; restores its
    /// withdrawn story first when it comes back. An unchanged file is left untouched.
    func write(
        _ rows: TripRows, as item: ExtractPlan.Item, into report: inout ExtractReport,
        workspace: inout TripWorkspace
    ) {
        let source = workspace.decoder.decode(rows, posts: &workspace.posts)
        for var problem in source.problems {
            problem.slug = item.slug
            note(problem, in: &report)
        }
        guard let header = source.header else {
            report.failed.append(source.id)
            return
        }
        let reference = ExtractReport.TripReference(id: source.id, slug: item.slug)
        if item.restoresWithdrawal {
            do {
                try WithdrawnTrips(content).restore(slug: item.slug, from: item.renamedFrom)
                report.restored.append(reference)
                logger.info("restored \(reference): public again, with the story kept when it was withdrawn")
            } catch {
                note(
                    ExtractProblem(
                        .warning, tripId: source.id, slug: item.slug,
                        reason: "its withdrawn story could not be brought back (\(error))"), in: &report)
            }
        } else if let old = item.renamedFrom {
            do {
                try rename(from: old, to: item.slug)
                report.renamed.append(.init(id: source.id, slug: item.slug, from: old))
                logger.notice(
                    "renamed trips/\(old)/ to trips/\(item.slug)/: an unlisted trip's URL carries a token of its id, so its title alone does not find it"
                )
            } catch {
                report.failed.append(source.id)
                note(ExtractProblem(.error, tripId: source.id, slug: old, reason: error.description), in: &report)
                return
            }
        }
        // A new slug names no folder (``ContentInventory/takenSlugs``): nothing there to clean.
        if !item.isNew {
            AtomicFile.removeStaleTemporaryFiles(in: content.folder(of: item.slug))
            // A record a killed withdrawal left before the trip came back.
            unlink(content.folder(of: item.slug).appendingPathComponent(WithdrawnTrips.recordName).path)
        }
        let fingerprint = RowDigest.fingerprint(of: rows, scratch: &workspace.digest)
        let trip = Trip(
            id: source.id, slug: item.slug, title: header.title, description: header.description,
            startDate: header.startDate, endDate: header.endDate, status: header.status,
            visibility: header.visibility, author: header.author, coverPhotoId: header.coverPhotoId,
            updatedAt: source.updatedAt, destinations: source.destinations,
            source: SourceStamp(updatedAt: source.updatedAt, fingerprint: fingerprint))
        TripJSON.encode(trip, posts: workspace.posts, into: &workspace.file)
        let file = content.tripFile(of: item.slug)
        let outcome = workspace.file.withUnsafeBytes { bytes in
            Result { () throws(FileError) in try AtomicFile.write(bytes: bytes, to: file, isNew: item.isNew) }
        }
        switch outcome {
        case .success(let outcome):
            switch outcome {
            case .written: report.written.append(reference)
            case .unchanged: report.unchanged.append(reference)
            }
            report.posts += workspace.posts.count
            report.photos += workspace.posts.photoCount
        case .failure(let error):
            report.failed.append(source.id)
            note(ExtractProblem(.error, tripId: source.id, slug: item.slug, reason: error.description), in: &report)
        }
    }

    /// Moves an unlisted trip's folder to its tokened slug. One `rename(2)`: a killed run leaves it
    /// under one name or the other, and the next run finds it by the id in its `trip.json`.
    private func rename(from old: String, to new: String) throws(FileError) {
        let source = content.folder(of: old).path, target = content.folder(of: new).path
        guard Foundation.rename(source, target) == 0 else {
            throw FileError(path: source, action: "rename to \(target)", reason: String(cString: strerror(errno)))
        }
    }

    /// Deletes the trip's `trip.json` and keeps the rest of its folder aside (``WithdrawnTrips``).
    func withdraw(_ entry: ContentInventory.Entry, into report: inout ExtractReport) {
        do {
            try WithdrawnTrips(content).withdraw(id: entry.id, slug: entry.slug)
            report.withdrawn.append(.init(id: entry.id, slug: entry.slug))
            logger.info(
                "withdrawn \(entry.slug) (\(entry.id)): no longer public; its story is kept in trips/\(WithdrawnTrips.folderName)/\(entry.slug)/"
            )
        } catch {
            note(
                ExtractProblem(
                    .error, tripId: entry.id, slug: entry.slug,
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
