import ContentStore
import Foundation

/// Where photo originals come from, by storage key: a local folder today (``MediaRoot``), an
/// `s3://bucket/prefix` root once publish brings its client. Images only ever asks for the bytes
/// of one original, and only when it has to decode it.
public protocol MediaSource: Sendable {
    /// Where `storageKey` resolves, for messages: a file path or an `s3://` URL.
    func location(of storageKey: String) -> String

    /// The original's bytes. Throws ``MediaError`` naming the key when it cannot be had
    /// (missing, unreadable, an unsafe key) or has more than `maxBytes` bytes: the size is
    /// checked first, and no more than `maxBytes` is ever held.
    func original(at storageKey: String, maxBytes: Int) async throws(MediaError) -> Data
}

/// An original that could not be fetched, naming its storage key and where it was looked for.
public struct MediaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var storageKey: String
    /// The path or URL the key resolved to (the key itself when it could not be resolved).
    public var location: String
    /// Why, as the end of a sentence: "the file does not exist".
    public var reason: String

    public init(storageKey: String, location: String, reason: String) {
        self.storageKey = storageKey
        self.location = location
        self.reason = reason
    }

    public var description: String { "cannot read the original \(location): \(reason)" }
}
