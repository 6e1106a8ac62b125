import Foundation
import IntegrationSupport

/// A bucket as readers and publish see it: per key the MD5 of the stored bytes and the headers
/// publish sets. Two runs converged when their snapshots are equal.
struct BucketSnapshot: Equatable, Sendable {
    struct Object: Equatable, Sendable {
        var md5: String
        var contentType: String?
        var cacheControl: String?
        var contentEncoding: String?
        var tabiMD5: String?
    }

    var objects: [String: Object]

    init(_ moto: MotoStandin, bucket: String? = nil) async throws {
        objects = try await moto.objects(bucket: bucket).mapValues {
            Object(
                md5: $0.md5, contentType: $0.headers["content-type"], cacheControl: $0.headers["cache-control"],
                contentEncoding: $0.headers["content-encoding"], tabiMD5: $0.headers["x-amz-meta-tabi-md5"])
        }
    }

    /// The keys that differ from `other`, each with how.
    func differences(from other: BucketSnapshot) -> [String] {
        Set(objects.keys).union(other.objects.keys).sorted().compactMap { key in
            let mine = objects[key], theirs = other.objects[key]
            guard mine != theirs else { return nil }
            return "\(key): \(mine.map { "\($0)" } ?? "missing") ≠ \(theirs.map { "\($0)" } ?? "missing")"
        }
    }
}
