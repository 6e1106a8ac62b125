import Concurrency
import Foundation
import TabiCore

/// What a build did, for the summary line and for tests.
public struct BuildReport: Sendable {
    /// Trips rendered (public and unlisted; broken ones are in ``failures``).
    public var trips = 0
    /// Trips whose pages were rendered, and trips whose pages the last build left as they would
    /// be made now (neither read nor rendered: ``trips`` is their sum).
    public var tripsRendered = 0
    public var tripsReused = 0
    public var pagesWritten = 0
    public var pagesUnchanged = 0
    public var photosEncoded = 0
    public var photosReused = 0
    /// Site-relative paths of files removed because the site no longer has them.
    public var removed: [String] = []
    public var failures: [BuildFailure] = []
    public var duration: Duration = .zero

    /// Whether the build should exit with a failure code.
    public var failed: Bool { !failures.isEmpty }

    /// One line a person reads at the end of a build.
    public var summary: String {
        let seconds = duration.secondsValue
        var line = "Built \(trips) trip\(trips == 1 ? "" : "s")"
        line += tripsReused > 0 ? " (\(tripsRendered) rendered, \(tripsReused) unchanged): " : ": "
        line += "\(pagesWritten) file\(pagesWritten == 1 ? "" : "s") written, \(pagesUnchanged) unchanged; "
        line += "photos: \(photosEncoded) derivative\(photosEncoded == 1 ? "" : "s") encoded, \(photosReused) reused"
        if !removed.isEmpty { line += "; \(removed.count) removed" }
        line += "; \(failures.count) failure\(failures.count == 1 ? "" : "s")"
        line += String(format: " in %.2fs", seconds)
        return line
    }
}
