import AWS
import Concurrency
import ContentStore
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
        let site = self.site
        return await put(files.count, path: { files[$0].path }) { index throws(StoreError) in
            let file = files[index]
            try await site.write(file.path, file.data, md5: file.md5, attributes: file.attributes)
        }
    }

    /// Puts the files at `paths` in `folder` under the same paths, each read only when its turn
    /// comes, so no more than ``concurrency`` are held at once. A file that cannot be read is a
    /// failure like a put that failed.
    public func put(_ paths: [String], from folder: ConfinedFolder) async -> (done: [String], failures: [StoreError]) {
        let site = self.site
        return await put(paths.count, path: { paths[$0] }) { [self] index throws(StoreError) in
            let data: Data
            do { data = try folder.read(paths[index]) } catch {
                throw StoreError(key: paths[index], operation: "read", message: "\(error)")
            }
            let file = prepare(paths[index], data)
            try await site.write(file.path, file.data, md5: file.md5, attributes: file.attributes)
        }
    }

    private func put(
        _ count: Int, path: (Int) -> String, _ write: @escaping @Sendable (Int) async throws(StoreError) -> Void
    ) async -> (done: [String], failures: [StoreError]) {
        var done: [String] = [], failures: [StoreError] = []
        await slidingWindow(count, concurrency: concurrency) { index -> StoreError? in
            do throws(StoreError) {
                try await write(index)
                return nil
            } catch {
                return error
            }
        } collect: { index, failure in
            if let failure { failures.append(failure) } else { done.append(path(index)) }
        }
        return (done.sorted(), failures.sorted { $0.key < $1.key })
    }
}
