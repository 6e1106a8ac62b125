import Concurrency
import Foundation
import TabiCore

/// What an extract run did, for the summary line and the exit code.
public struct ExtractReport: Sendable {
    /// A trip by id and slug (never by title: a withdrawn trip's title is private now).
    public struct TripReference: Sendable, Equatable, CustomStringConvertible {
        public var id: String
        public var slug: String
        public var description: String { "\(slug) (\(id))" }
    }

    /// A dry run: nothing was written; `toRead` and `withdrawn` say what a real run would do.
    public var dryRun = false
    /// Dry run: the trips a real run would read and write, with their slugs (`isNew` for new ones).
    public var toRead: [(trip: TripReference, isNew: Bool)] = []
    /// Trips whose `trip.json` was created or changed.
    public var written: [TripReference] = []
    /// Trips read or compared whose `trip.json` already held exactly this (no file touched).
    public var unchanged: [TripReference] = []
    /// Trips taken off the site because they went private or were deleted.
    public var withdrawn: [TripReference] = []
    /// Withdrawn trips that came back, with their old slug and story.
    public var restored: [TripReference] = []
    /// Unlisted trips moved to a slug with their token (``Slug/unlistedToken(forTripID:)``).
    public var renamed: [Rename] = []
    /// Dry run: the renames a real run would make.
    public var toRename: [Rename] = []
    /// Trips that were not written (an error in `problems` says why).
    public var failed: [String] = []
    /// Every problem, in the order met.
    public var problems: [ExtractProblem] = []
    /// A trip moved from one slug to another.
    public struct Rename: Sendable, Equatable, CustomStringConvertible {
        public var id: String
        public var slug: String
        public var from: String
        public var description: String { "\(from) → \(slug) (\(id))" }

        public init(id: String, slug: String, from: String) {
            self.id = id
            self.slug = slug
            self.from = from
        }
    }

    /// `--trip` ids that are neither public nor unlisted nor in `Content/`: nothing to do for them.
    public var notFound: [String] = []
    /// Public posts and their photos in the trips read.
    public var posts = 0
    public var photos = 0
    /// Statements sent to the server (bounded: no query per post or per photo).
    public var statements = 0
    public var duration: Duration = .zero

    public init() {}

    /// 0 when every trip was extracted, 1 when one failed or a content file could not be read.
    public var exitCode: Int32 { problems.contains { $0.severity == .error } ? 1 : 0 }

    /// `extract: 3 written, 1997 unchanged, 1 withdrawn, 0 failed; 100000 posts, 200000 photos in 2.1 s`
    public var summary: String {
        if dryRun {
            let new = toRead.filter(\.isNew).count
            return "extract (dry run): would read \(toRead.count) (\(new) new), \(unchanged.count) unchanged, "
                + "would withdraw \(withdrawn.count)" + (toRename.isEmpty ? "" : ", would rename \(toRename.count)")
        }
        var line =
            "extract: \(written.count) written, \(unchanged.count) unchanged, \(withdrawn.count) withdrawn, "
            + "\(failed.count) failed"
        if !restored.isEmpty { line += ", \(restored.count) restored" }
        if !renamed.isEmpty { line += ", \(renamed.count) renamed" }
        let warnings = problems.filter { $0.severity == .warning }.count
        if warnings > 0 { line += ", \(warnings) warning" + (warnings == 1 ? "" : "s") }
        return line + "; \(posts) posts, \(photos) photos in " + String(format: "%.1f s", duration.secondsValue)
    }
}

extension ExtractReport {
    /// Adds what another part of the run did (the writing thread's share).
    mutating func merge(_ other: ExtractReport) {
        written += other.written
        unchanged += other.unchanged
        withdrawn += other.withdrawn
        restored += other.restored
        renamed += other.renamed
        failed += other.failed
        problems += other.problems
        posts += other.posts
        photos += other.photos
    }
}
