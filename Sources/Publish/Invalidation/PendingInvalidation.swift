import Foundation
import TabiCore

/// An invalidation publish owes a distribution, kept in the ``StateStore``
/// (`invalidation-<distribution>.json`) from before the first write until CloudFront has
/// accepted it. A publish killed in between leaves it behind; the next one sends it.
///
/// In a private store it holds the exact paths, and the next publish sends them with the same
/// caller reference (so a batch CloudFront already took is not made twice). In the served store
/// it holds none (they would tell readers about unlisted pages): the next publish then owes
/// everything, and invalidates the site's root folder (`/*`).
public struct PendingInvalidation: Codable, Sendable, Equatable {
    /// 1 with paths, 2 without (everything owed).
    public var format: Int
    public var distributionId: String
    /// Unique to the batch; CloudFront answers a repeat with the first invalidation.
    public var callerReference: String
    /// The exact paths (before collapsing into wildcards); `nil` when everything is owed.
    public var paths: [String]?

    /// A record of `paths`, or with `nil` of everything.
    public init(distributionId: String, paths: [String]?, callerReference: String) {
        format = paths == nil ? 2 : 1
        self.distributionId = distributionId
        self.paths = paths?.sorted()
        self.callerReference = callerReference
    }

    /// A caller reference for `paths` in the run started at `start`: the same paths in a later
    /// run must make a new invalidation (the page changed again), a retry of this one must not.
    /// It hashes the paths: only for records a reader cannot fetch (see ``opaqueCallerReference(start:)``).
    public static func callerReference(paths: [String], start: Date) -> String {
        let seconds = Int(start.timeIntervalSince1970)
        return "tabi-\(seconds)-" + ContentHash.sha256(paths.sorted().joined(separator: "\n")).prefix(16)
    }

    /// A caller reference that tells nothing about the paths, for a record in the served store.
    public static func opaqueCallerReference(start: Date) -> String {
        let seconds = Int(start.timeIntervalSince1970)
        let random = (0..<8).map { _ in String(UInt8.random(in: 0...255), radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }
        return "tabi-\(seconds)-" + random.joined()
    }

    public var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)) ?? Data()) + Data("\n".utf8)
    }

    public init?(data: Data) {
        guard let value = try? JSONDecoder().decode(PendingInvalidation.self, from: data),
            value.format == (value.paths == nil ? 2 : 1)
        else { return nil }
        self = value
    }

    /// What two records owe together (the caller reference of `self`).
    public func merged(with other: PendingInvalidation) -> PendingInvalidation {
        guard let mine = paths, let theirs = other.paths else {
            return PendingInvalidation(distributionId: distributionId, paths: nil, callerReference: callerReference)
        }
        return PendingInvalidation(distributionId: distributionId, paths: Array(Set(mine).union(theirs)), callerReference: callerReference)
    }
}
