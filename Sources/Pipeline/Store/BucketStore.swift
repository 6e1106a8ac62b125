import AWS
import Foundation

/// An ``ObjectStore`` in an S3 bucket, under a key prefix.
public struct BucketStore: ObjectStore {
    public let s3: S3Client
    /// `""` or ending with `/`.
    public let prefix: String

    public init(s3: S3Client, prefix: String) {
        self.s3 = s3
        self.prefix = S3Location.normalizedPrefix(prefix)
    }

    public var location: String { s3.url(of: prefix) }
    public var keepsHeaders: Bool { true }
    public var requests: Int { s3.metrics.requests }

    public func read(_ key: String) async throws(StoreError) -> Data? {
        do throws(AWSError) {
            return try await s3.getObject(key: prefix + key)
        } catch  where error.isNotFound {
            return nil
        } catch {
            throw StoreError(key: s3.url(of: prefix + key), operation: "GetObject", message: error.description)
        }
    }

    public func readTagged(_ key: String) async throws(StoreError) -> TaggedObject? {
        do throws(AWSError) {
            let (data, etag) = try await s3.getObjectAndETag(key: prefix + key)
            return TaggedObject(data: data, tag: etag)
        } catch  where error.isNotFound {
            return nil
        } catch {
            throw StoreError(key: s3.url(of: prefix + key), operation: "GetObject", message: error.description)
        }
    }

    public func write(
        _ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes,
        condition: S3WriteCondition?
    ) async throws(StoreError) {
        do throws(AWSError) {
            _ = try await s3.putObject(key: prefix + key, body: .data(data), md5: md5, attributes: attributes, condition: condition)
        } catch {
            throw StoreError(
                key: s3.url(of: prefix + key), operation: "PutObject", message: error.description,
                conditionFailed: condition != nil && error.isConditionFailed)
        }
    }

    public func delete(_ keys: [String]) async -> [StoreError] {
        var failures: [StoreError] = []
        for start in stride(from: 0, to: keys.count, by: S3Client.maxKeysPerDelete) {
            let batch = keys[start..<min(start + S3Client.maxKeysPerDelete, keys.count)].map { prefix + $0 }
            do throws(AWSError) {
                failures += try await s3.deleteObjects(batch).map {
                    StoreError(key: s3.url(of: $0.key), operation: "DeleteObjects", message: $0.description)
                }
            } catch {
                failures += batch.map { StoreError(key: s3.url(of: $0), operation: "DeleteObjects", message: error.description) }
            }
        }
        return failures
    }

    /// Every key under `listPrefix`, sorted (see ``tags(_:)``).
    public func list(_ listPrefix: String) async throws(StoreError) -> [String] {
        try await tags(listPrefix).keys.sorted()
    }

    /// Lists from the first `/` back (a prefix holding `/` is sent encoded in a signed query,
    /// which some S3-compatible servers, moto among them, refuse), then keeps what is under
    /// `listPrefix`: the state store holds a few hundred records, one or two listing pages.
    public func tags(_ listPrefix: String) async throws(StoreError) -> [String: String] {
        let full = prefix + listPrefix
        let sent = String(full.prefix { $0 != "/" })
        do throws(AWSError) {
            var tags: [String: String] = [:]
            for object in try await s3.listObjects(prefix: sent) where object.key.hasPrefix(full) {
                tags[String(object.key.dropFirst(prefix.count))] = object.etag
            }
            return tags
        } catch {
            throw StoreError(key: s3.url(of: full), operation: "ListObjectsV2", message: error.description)
        }
    }
}
