import Crypto
import Foundation
import Gzip
import TabiCore

/// Turns output files into ``LocalObject``s: chooses their headers, compresses what gains from
/// it, and hashes the bytes to be stored (MD5, per-part MD5s and the multipart ETag), several
/// files at a time.
public struct LocalObjectPreparer: Sendable {
    public var rules: HeaderRules
    public var keys: PublishKeys
    public var multipart: MultipartSettings
    /// Files hashed at once.
    public var concurrency: Int
    /// How many bytes of compressed bodies are kept in memory for the upload; past it, a body
    /// is compressed again when it is sent.
    public var memoryBudget: Int

    public init(rules: HeaderRules, keys: PublishKeys, multipart: MultipartSettings,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, memoryBudget: Int = 256 << 20) {
        self.rules = rules
        self.keys = keys
        self.multipart = multipart
        self.concurrency = max(concurrency, 1)
        self.memoryBudget = memoryBudget
    }

    /// Every file prepared, in the order given. An unreadable file fails the whole preparation:
    /// a plan without it would delete its key from the bucket.
    public func prepare(_ files: [LocalFile]) async throws(PublishError) -> [LocalObject] {
        var results = [LocalObject?](repeating: nil, count: files.count)
        var kept = 0
        var failure: PublishError?
        await slidingWindow(files.count, concurrency: concurrency, canStart: { failure == nil }) { index in
            Result { () throws(PublishError) in try prepare(files[index]) }
        } collect: { index, result in
            guard failure == nil else { return }  // the first failure ends the preparation
            switch result {
            case .failure(let error):
                failure = error
            case .success(var object):
                if case .gzip(let data?) = object.body {
                    if kept + data.count <= memoryBudget { kept += data.count } else { object.body = .gzip(nil) }
                }
                results[index] = object
            }
        }
        if let failure { throw failure }
        return results.map { $0! }
    }

    /// One file: its headers, stored bytes and digests.
    public func prepare(_ file: LocalFile) throws(PublishError) -> LocalObject {
        let choice = rules.choice(for: file.path)
        var object = LocalObject(path: file.path, key: keys.key(file.path), file: file.file, choice: choice,
                                 headers: choice.headers(contentEncoding: nil), body: .file, size: file.size,
                                 md5: "", etag: "", parts: [])
        if choice.gzip, file.size <= multipart.threshold, file.size > 0 {
            let data = try Self.read(file)
            let compressed: Data
            do { compressed = try Gzip.compress(data) } catch {
                throw .setup("cannot compress \(file.file): \(error)")
            }
            if compressed.count < data.count {
                object.body = .gzip(compressed)
                object.headers = choice.headers(contentEncoding: "gzip")
                object.size = Int64(compressed.count)
                object.md5 = ContentHash.hex(Insecure.MD5.hash(data: compressed))
                object.etag = object.md5
                return object
            }
            object.md5 = ContentHash.hex(Insecure.MD5.hash(data: data))
            object.etag = object.md5
            return object
        }
        let partSize = file.size > multipart.threshold ? multipart.partSize(for: file.size) : nil
        let digest = try Self.digest(file, partSize: partSize)
        object.md5 = digest.md5
        object.parts = digest.parts
        object.etag = digest.parts.isEmpty ? digest.md5 : digest.multipartETag
        return object
    }

    // MARK: - Reading and hashing

    static func read(_ file: LocalFile) throws(PublishError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file.file), options: .mappedIfSafe)
        } catch {
            throw .setup("cannot read \(file.file): \(error.localizedDescription)")
        }
    }

    /// The file's MD5 and, with a part size, every part's MD5 and the multipart ETag, in one read.
    static func digest(_ file: LocalFile, partSize: Int64?) throws(PublishError) -> (md5: String, parts: [LocalObject.Part], multipartETag: String) {
        guard let handle = FileHandle(forReadingAtPath: file.file) else { throw .setup("cannot open \(file.file)") }
        defer { try? handle.close() }
        var whole = Insecure.MD5()
        var parts: [LocalObject.Part] = []
        var part = Insecure.MD5(), partStart: Int64 = 0, offset: Int64 = 0
        var concatenated = Data()
        func closePart() {
            let digest = Data(part.finalize())
            concatenated.append(digest)
            parts.append(LocalObject.Part(number: parts.count + 1, offset: partStart, length: offset - partStart,
                                          md5: ContentHash.hex(digest)))
            part = Insecure.MD5()
            partStart = offset
        }
        do {
            while true {
                let want = partSize.map { Int(min(1 << 20, $0 - (offset - partStart))) } ?? (1 << 20)
                guard let chunk = try handle.read(upToCount: want), !chunk.isEmpty else { break }
                whole.update(data: chunk)
                offset += Int64(chunk.count)
                if let partSize {
                    part.update(data: chunk)
                    if offset - partStart == partSize { closePart() }
                }
            }
        } catch {
            throw .setup("cannot read \(file.file): \(error.localizedDescription)")
        }
        guard offset == file.size else { throw .setup("\(file.file) changed size while it was read") }
        if partSize != nil, offset > partStart || parts.isEmpty { closePart() }
        let etag = parts.isEmpty ? "" : ContentHash.hex(Insecure.MD5.hash(data: concatenated)) + "-\(parts.count)"
        return (ContentHash.hex(whole.finalize()), partSize == nil ? [] : parts, etag)
    }
}
