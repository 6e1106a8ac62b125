import ContentStore
import Foundation
import TabiCore

/// One trip's folder as `draft` reads and writes it: `trip.json`, `story.md`, `story.draft.md`
/// and `story.source.json`.
///
/// Files are read through a ``ConfinedFolder`` on the content root, so no symbolic link is ever
/// followed: a `story.md` that is a link is a writer's checkout, never read or written through,
/// and the trip fails naming it. Files are written ``AtomicFile/Durability/synced``: a story and
/// its record cannot be made again without a call, and must survive a power loss as well as a kill.
struct TripFolder: Sendable {
    let slug: String
    let content: ContentDirectory
    private let confined: ConfinedFolder

    /// The most bytes read of `trip.json`: as much as build reads.
    static let maxTripBytes = ContentDirectory.maximumTripFileBytes
    /// The most bytes read of `story.md`, `story.draft.md` or `story.source.json`: as much as build
    /// reads of a story (draft once read 16 MiB of a story build refuses past 8).
    static let maxStoryBytes = ContentDirectory.maximumStoryFileBytes

    init(_ slug: String, in content: ContentDirectory) {
        self.slug = slug
        self.content = content
        confined = ConfinedFolder(content.root)
    }

    // MARK: - Reading

    /// The trip, from `trip.json`.
    func trip() throws(TripDrafter.Failure) -> Trip {
        guard let data = try read("trip.json", limit: Self.maxTripBytes) else {
            throw TripDrafter.Failure(message: "\(content.tripFile(of: slug).path) does not exist")
        }
        do { return try content.trip(slug, from: data) } catch { throw TripDrafter.Failure(message: error.description) }
    }

    /// The SHA-256 of `story.md`, nil when there is none.
    func storySHA256() throws(TripDrafter.Failure) -> String? {
        try read(DraftTarget.story.fileName, limit: Self.maxStoryBytes).map(ContentHash.sha256)
    }

    /// The trip's record, with a write a killed run left pending settled (see
    /// ``GenerationRecord/settled(pendingFileSHA256:)``) and, unless `readOnly`, written back so.
    /// A record that does not decode counts as none (the story is then a writer's).
    func record(readOnly: Bool) throws(TripDrafter.Failure) -> GenerationRecord? {
        guard let record = try read(GenerationRecord.fileName, limit: Self.maxStoryBytes).flatMap(GenerationRecord.decode)
        else { return nil }
        guard let pending = record.pending else { return record }
        let settled = record.settled(pendingFileSHA256: try read(pending.file.fileName, limit: Self.maxStoryBytes).map(ContentHash.sha256))
        if !readOnly { try write(settled) }
        return settled
    }

    /// The bytes of the file `name` in the trip's folder; nil when it does not exist. Throws
    /// when it is a link (at any depth below the content root), not a regular file, or too large.
    private func read(_ name: String, limit: Int) throws(TripDrafter.Failure) -> Data? {
        do {
            return try confined.read(path(of: name), maxBytes: limit)
        } catch let error where error.problem == .missing {
            return nil
        } catch {
            throw TripDrafter.Failure(message: error.description)
        }
    }

    // MARK: - Writing

    /// Removes the temporary files a killed run left in the folder (a folder that is a link is
    /// left alone: nothing below a link is draft's to touch).
    func removeStaleTemporaryFiles() {
        guard confined.kind(of: "trips/\(slug)") == .folder else { return }
        AtomicFile.removeStaleTemporaryFiles(in: content.folder(of: slug))
    }

    /// Writes a story to `target` (see ``checkWritable(_:)``).
    func write(_ story: Data, to target: DraftTarget) throws(TripDrafter.Failure) {
        try checkWritable(target)
        try write(story, to: url(of: target.fileName))
    }

    /// Throws unless `target` is a regular file or missing: the rename of a write would replace
    /// a link (a writer's), and a link is never draft's to replace.
    func checkWritable(_ target: DraftTarget) throws(TripDrafter.Failure) {
        let problem: ConfinedFileError.Problem
        switch confined.kind(of: path(of: target.fileName)) {
        case .file, .missing: return
        case .link: problem = .symbolicLink
        case .folder, .other: problem = .notARegularFile
        }
        throw TripDrafter.Failure(message: ConfinedFileError(path: url(of: target.fileName).path, problem: problem).description)
    }

    /// Writes the record.
    func write(_ record: GenerationRecord) throws(TripDrafter.Failure) {
        try write(record.encoded(), to: url(of: GenerationRecord.fileName))
    }

    private func write(_ data: Data, to url: URL) throws(TripDrafter.Failure) {
        do { try AtomicFile.write(data, to: url, durability: .synced) } catch { throw TripDrafter.Failure(message: error.description) }
    }

    // MARK: - Paths

    private func path(of name: String) -> String { "trips/\(slug)/\(name)" }

    private func url(of name: String) -> URL { content.folder(of: slug).appendingPathComponent(name) }
}
