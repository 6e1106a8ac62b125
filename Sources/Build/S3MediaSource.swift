import AWS
import Foundation
import Images
import TabiCore

/// Photo originals in an S3 bucket (`--media s3://bucket/prefix`): a storage key is an object
/// key under the prefix. Images asks for an original only when a derivative must be made, so
/// a build whose derivatives all exist reads nothing from the bucket.
public struct S3MediaSource: MediaSource {
    public let s3: S3Client
    /// `""` or a key prefix ending with `/`.
    public let prefix: String

    public init(s3: S3Client, prefix: String = "") {
        self.s3 = s3
        self.prefix = S3Location.normalizedPrefix(prefix)
    }

    /// Splits `s3://bucket[/prefix]` into the bucket and prefix; `nil` for anything else.
    public static func parse(_ url: String) -> (bucket: String, prefix: String)? {
        S3Location(url: url).map { ($0.bucket, $0.prefix) }
    }

    public func location(of storageKey: String) -> String {
        s3.url(of: prefix + storageKey)
    }

    /// GetObject of the key, ranged so that no more than `maxBytes + 1` bytes are ever received:
    /// a larger object fails with its size named. Errors name the key, and S3's code and message
    /// (`NoSuchKey (404)`).
    public func original(at storageKey: String, maxBytes: Int) async throws(MediaError) -> Data {
        guard StorageKey.isSafe(storageKey) else {
            throw MediaError(storageKey: storageKey, location: storageKey, reason: "the storage key is not a safe relative path")
        }
        let read: S3BoundedRead
        do {
            read = try await s3.getObject(key: prefix + storageKey, maxBytes: maxBytes)
        } catch {
            let reason: String
            switch error.kind {
            case .service:
                reason =
                    error.isNotFound
                    ? "the object does not exist (\(error.code ?? "404"))"
                    : "\(error.code ?? "HTTP \(error.statusCode ?? 0)")\(error.message.map { ": \($0)" } ?? "")"
            default:
                reason = error.description
            }
            throw MediaError(storageKey: storageKey, location: location(of: storageKey), reason: reason)
        }
        switch read {
        case .complete(let data):
            return data
        case .tooLarge(let size):
            throw MediaError(
                storageKey: storageKey, location: location(of: storageKey),
                reason: "it is \(size) bytes, more than images.maxBytes (\(maxBytes)); only its first bytes were fetched")
        }
    }
}
