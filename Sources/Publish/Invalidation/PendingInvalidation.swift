import Foundation
import TabiCore

/// An invalidation publish owes a distribution, kept in the bucket
/// (`_tabi/publish/invalidation-<distribution>.json`) from before the first write until
/// CloudFront has accepted it. A publish killed in between leaves it behind; the next one sends
/// it (with the same caller reference, so a batch CloudFront already took is not made twice).
public struct PendingInvalidation: Codable, Sendable, Equatable {
    public var format: Int
    public var distributionId: String
    /// Unique to the batch; CloudFront answers a repeat with the first invalidation.
    public var callerReference: String
    /// The exact paths (before collapsing into wildcards).
    public var paths: [String]

    public init(distributionId: String, paths: [String], callerReference: String) {
        format = 1
        self.distributionId = distributionId
        self.paths = paths.sorted()
        self.callerReference = callerReference
    }

    /// A caller reference for `paths` in the run started at `start`: the same paths in a later
    /// run must make a new invalidation (the page changed again), a retry of this one must not.
    public static func callerReference(paths: [String], start: Date) -> String {
        let seconds = Int(start.timeIntervalSince1970)
        return "tabi-\(seconds)-" + ContentHash.sha256(paths.sorted().joined(separator: "\n")).prefix(16)
    }

    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    public init?(data: Data) {
        guard let value = try? JSONDecoder().decode(PendingInvalidation.self, from: data), value.format == 1 else { return nil }
        self = value
    }
}
