import AWS
import Concurrency
import Foundation
import Publish
import TabiCore

/// A site file as it is to be stored: the bytes (gzipped where the rules say and a bucket keeps
/// the encoding), their MD5 and the headers.
public struct StoredFile: Sendable, Equatable {
    public var path: String
    public var data: Data
    public var md5: String
    public var attributes: S3ObjectAttributes
    /// Whether a changed copy must be invalidated (the rules do not mark it immutable).
    public var needsInvalidation: Bool
}

/// Puts site files into the site store, several at a time, and deletes what goes.
public struct SiteSync: Sendable {
    public let site: any ObjectStore
    public let rules: HeaderRules
    public let concurrency: Int

    public init(site: any ObjectStore, rules: HeaderRules, concurrency: Int) {
        self.site = site
        self.rules = rules
        self.concurrency = max(1, concurrency)
    }

    /// The stored form of a file: the same input always gives the same bytes and MD5.
    public func prepare(_ path: String, _ data: Data) -> StoredFile {
        let choice = rules.choice(for: path)
        // A store that keeps no headers (a folder) could not say the bytes are compressed.
        let gzip = site.keepsHeaders && choice.gzip
        let stored = (try? StoredBytes.make(data, gzip: gzip)) ?? .plain(data)
        return StoredFile(
            path: path, data: stored.data, md5: stored.md5,
            attributes: choice.headers(contentEncoding: stored.contentEncoding).attributes(md5: stored.md5),
            needsInvalidation: choice.needsInvalidation)
    }

    /// Puts every file; returns the paths put and the failures.
    public func put(_ files: [StoredFile]) async -> (done: [String], failures: [StoreError]) {
        var done: [String] = [], failures: [StoreError] = []
        let site = self.site
        await slidingWindow(files.count, concurrency: concurrency) { index -> StoreError? in
            let file = files[index]
            do throws(StoreError) {
                try await site.write(file.path, file.data, md5: file.md5, attributes: file.attributes)
                return nil
            } catch {
                return error
            }
        } collect: { index, failure in
            if let failure { failures.append(failure) } else { done.append(files[index].path) }
        }
        return (done.sorted(), failures.sorted { $0.key < $1.key })
    }
}
