import AWS
import Foundation

/// Where a nightly run keeps objects: the site (a bucket, or a folder standing in for one) and
/// the run's private state. Keys are relative to the store (its prefix is its own business).
public protocol ObjectStore: Sendable {
    /// `s3://bucket/prefix/` or a folder path, for messages.
    var location: String { get }
    /// Whether objects keep headers (Content-Type, Cache-Control, Content-Encoding): a bucket
    /// does; a folder does not, so nothing written to a folder is gzipped.
    var keepsHeaders: Bool { get }
    /// The object's bytes, or nil when there is none.
    func read(_ key: String) async throws(StoreError) -> Data?
    /// The object's bytes and its version tag (the hex MD5 of the bytes, as S3 gives a
    /// single-part object's ETag), or nil when there is none.
    func readTagged(_ key: String) async throws(StoreError) -> TaggedObject?
    /// Writes the whole object; `md5` is the hex MD5 of `data`. With a `condition`, only if the
    /// object is absent or still has the tag given; otherwise it throws a ``StoreError`` whose
    /// ``StoreError/conditionFailed`` is set, and nothing is written.
    func write(
        _ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes,
        condition: S3WriteCondition?) async throws(StoreError)
    /// Deletes keys (a missing one is not a failure); returns the failures.
    func delete(_ keys: [String]) async -> [StoreError]
    /// Every key under `prefix`, sorted.
    func list(_ prefix: String) async throws(StoreError) -> [String]
    /// Every key under `prefix` with its version tag (see ``readTagged(_:)``): one listing, so
    /// a reader learns which objects changed since it last read them without reading them.
    func tags(_ prefix: String) async throws(StoreError) -> [String: String]
    /// Requests sent (0 for a folder).
    var requests: Int { get }
}

extension ObjectStore {
    /// Writes the whole object, whatever is there.
    public func write(_ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes) async throws(StoreError) {
        try await write(key, data, md5: md5, attributes: attributes, condition: nil)
    }
}

/// An object's bytes and version tag.
public struct TaggedObject: Sendable, Equatable {
    public var data: Data
    /// The hex MD5 of `data` (a single-part S3 object's ETag).
    public var tag: String

    public init(data: Data, tag: String) {
        self.data = data
        self.tag = tag
    }
}

/// An object that could not be read, written, listed or deleted.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var operation: String
    public var message: String
    /// A conditional write found the object there, or changed: another writer got there first.
    public var conditionFailed: Bool

    public init(key: String, operation: String, message: String, conditionFailed: Bool = false) {
        self.key = key
        self.operation = operation
        self.message = message
        self.conditionFailed = conditionFailed
    }

    public var description: String { message.contains(key) ? "\(operation): \(message)" : "\(operation) \(key): \(message)" }
}
