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
    /// Writes the whole object; `md5` is the hex MD5 of `data`.
    func write(_ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes) async throws(StoreError)
    /// Deletes keys (a missing one is not a failure); returns the failures.
    func delete(_ keys: [String]) async -> [StoreError]
    /// Every key under `prefix`, sorted.
    func list(_ prefix: String) async throws(StoreError) -> [String]
    /// Requests sent (0 for a folder).
    var requests: Int { get }
}

/// An object that could not be read, written, listed or deleted.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public var key: String
    public var operation: String
    public var message: String

    public init(key: String, operation: String, message: String) {
        self.key = key
        self.operation = operation
        self.message = message
    }

    public var description: String { message.contains(key) ? "\(operation): \(message)" : "\(operation) \(key): \(message)" }
}
