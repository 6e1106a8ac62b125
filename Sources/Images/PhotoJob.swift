import Foundation
import TabiCore

/// One photo to make derivatives for, with the trip it belongs to (for messages).
public struct PhotoJob: Sendable, Equatable {
    public var tripSlug: String
    public var photo: Photo

    public init(tripSlug: String, photo: Photo) {
        self.tripSlug = tripSlug
        self.photo = photo
    }
}

/// A photo that got no derivatives, and why. The rest of the batch is unaffected.
public struct PhotoFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var tripSlug: String
    public var photoId: String
    public var storageKey: String
    /// The original's path or URL.
    public var file: String
    /// One sentence, e.g. "the file is empty".
    public var reason: String

    public init(tripSlug: String, photoId: String, storageKey: String, file: String, reason: String) {
        self.tripSlug = tripSlug
        self.photoId = photoId
        self.storageKey = storageKey
        self.file = file
        self.reason = reason
    }

    public var description: String {
        "trip \(tripSlug), photo \(photoId) (\(file)): \(reason)"
    }
}

/// What one ``DerivativeMaker/make(_:progress:)`` run produced.
public struct DerivativeBatch: Sendable, Equatable {
    /// Photo id → its derivatives, for every photo that succeeded.
    public var renditions: [String: PhotoRenditions]
    /// Photos that got no derivatives, in the order of the jobs.
    public var failures: [PhotoFailure]
    /// Derivative files encoded and written in this run.
    public var encoded: Int
    /// Derivative files that already existed and were used as they are.
    public var reused: Int
    /// Every site-relative derivative path the renditions reference; anything else under
    /// `media/` in the output is no longer used.
    public var files: Set<String>
    /// Photo id → the original its derivatives were cut from (its hash and upright size), for
    /// every photo that succeeded: what ``PublishedDerivatives`` needs to reuse them later.
    public var sources: [String: PhotoSource] = [:]

    public init(
        renditions: [String: PhotoRenditions] = [:], failures: [PhotoFailure] = [],
        encoded: Int = 0, reused: Int = 0, files: Set<String> = []
    ) {
        self.renditions = renditions
        self.failures = failures
        self.encoded = encoded
        self.reused = reused
        self.files = files
    }
}

/// The original a photo's derivatives were cut from: the SHA-256 of its bytes and its size once
/// upright (which decides its responsive widths).
public struct PhotoSource: Sendable, Equatable, Codable {
    public var sha256: String
    public var size: PixelSize

    public init(sha256: String, size: PixelSize) {
        self.sha256 = sha256
        self.size = size
    }
}

/// Derivatives that exist elsewhere (in the bucket a stateless run publishes to) though not in
/// the output folder: a photo whose recorded hash is known here and whose derivatives are all
/// listed is done without fetching or encoding anything, and nothing is written for it.
public struct PublishedDerivatives: Sendable, Equatable {
    /// Original SHA-256 → upright size.
    public var originals: [String: PixelSize]
    /// Site-relative derivative path → pixel size.
    public var derivatives: [String: PixelSize]

    public init(originals: [String: PixelSize] = [:], derivatives: [String: PixelSize] = [:]) {
        self.originals = originals
        self.derivatives = derivatives
    }

    /// Adds what one photo's renditions say.
    public mutating func add(_ source: PhotoSource, renditions: PhotoRenditions) {
        originals[source.sha256] = source.size
        for rendition in [renditions.thumbnail, renditions.medium] + renditions.responsive {
            derivatives[rendition.path] = PixelSize(width: rendition.width, height: rendition.height)
        }
    }
}
