import Foundation
import TabiCore

/// The photos that share one storage key: the same bytes, so they are derived once.
struct SourceGroup: Sendable {
    var storageKey: String
    /// The SHA-256 the app recorded (first job's, lower-cased), when it looks like one.
    var recordedHash: String?
    /// Indices into the batch's jobs, in job order.
    var jobIndices: [Int]

    /// Groups jobs by storage key, keeping the order in which keys first appear.
    static func grouping(_ jobs: [PhotoJob]) -> [SourceGroup] {
        var groups: [SourceGroup] = []
        var indexByKey: [String: Int] = [:]
        for (index, job) in jobs.enumerated() {
            if let existing = indexByKey[job.photo.storageKey] {
                groups[existing].jobIndices.append(index)
            } else {
                indexByKey[job.photo.storageKey] = groups.count
                groups.append(
                    SourceGroup(
                        storageKey: job.photo.storageKey,
                        recordedHash: validHash(job.photo.sha256), jobIndices: [index]))
            }
        }
        return groups
    }

    /// A recorded hash is used only when it is 64 hex digits; anything else means "unknown".
    static func validHash(_ text: String?) -> String? {
        guard let text = text?.lowercased(), text.utf8.count == 64,
            text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return text
    }
}

/// What deriving one source came to.
enum SourceOutcome: Sendable {
    case made(SourceResult)
    case failed(location: String, reason: String)
}

/// Why an original yielded no derivatives, as the end of a sentence.
struct SourceFailure: Error {
    var reason: String
}

/// A source whose derivatives all exist now.
struct SourceResult: Sendable {
    var plan: DerivativePlan
    /// Derivative path → pixel size, for every spec of the plan.
    var sizes: [String: PixelSize]
    var encoded: Int
    var reused: Int
    /// Set when the recorded hash differed from the bytes' own: (recorded, actual).
    var hashMismatch: (recorded: String, actual: String)?

    /// The renditions pages use.
    func renditions(photoId: String) -> PhotoRenditions {
        func rendition(_ spec: DerivativeSpec) -> ImageRendition {
            let size = sizes[spec.path] ?? spec.resizeBox
            return ImageRendition(path: spec.path, width: size.width, height: size.height, format: spec.format)
        }
        return PhotoRenditions(
            photoId: photoId, thumbnail: rendition(plan.thumbnail),
            medium: rendition(plan.medium), responsive: plan.responsive.map(rendition))
    }
}
