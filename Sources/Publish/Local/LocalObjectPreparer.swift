import AWS
import Concurrency
import ContentStore
import Crypto
import Foundation
import Gzip
import TabiCore

/// Turns output files into ``LocalObject``s: chooses their headers, compresses what gains from
/// it, and hashes the bytes to be stored (MD5, per-part MD5s and the multipart ETag), several
/// files at a time. Every file is opened without following links (``LocalFile/open()``).
public struct LocalObjectPreparer: Sendable {
    public var rules: HeaderRules
    public var keys: PublishKeys
    public var multipart: MultipartSettings
    /// Files hashed at once.
    public var concurrency: Int
    /// How many bytes of compressed bodies are kept in memory for the upload; past it, a body
    /// is compressed again when it is sent.
    public var memoryBudget: Int

    public init(
        rules: HeaderRules, keys: PublishKeys, multipart: MultipartSettings,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, memoryBudget: Int = 256 << 20
    ) {
        self.rules = rules
        self.keys = keys
        self.multipart = multipart
        self.concurrency = max(concurrency, 1)
        self.memoryBudget = memoryBudget
    }

    /// Every file prepared, in the order given, and the files that could not be (swapped for a
    /// link since the scan, unreadable): those are refused, so a plan keeps their keys.
    public func prepare(_ files: [LocalFile]) async -> (objects: [LocalObject], refused: [RefusedFile]) {
        var results = [LocalObject?](repeating: nil, count: files.count)
        var refused: [RefusedFile] = []
        var kept = 0
        await slidingWindow(files.count, concurrency: concurrency) { index in
            Result { () throws(ConfinedFileError) in try prepare(files[index]) }
        } collect: { index, result in
            switch result {
            case .failure(let error):
                refused.append(RefusedFile(path: files[index].path, error: error))
            case .success(var object):
                if case .gzip(let data?) = object.body {
                    if kept + data.count <= memoryBudget { kept += data.count } else { object.body = .gzip(nil) }
                }
                results[index] = object
            }
        }
        return (results.compactMap { $0 }, refused.sorted { $0.path < $1.path })
    }

    /// One file: its headers, stored bytes and digests.
    public func prepare(_ file: LocalFile) throws(ConfinedFileError) -> LocalObject {
        let opened = try file.open()
        let size = opened.size ?? 0
        let choice = rules.choice(for: file.path)
        var object = LocalObject(
            path: file.path, key: keys.key(file.path), source: file, choice: choice,
            headers: choice.headers(contentEncoding: nil), body: .file, size: size,
            md5: "", etag: "", parts: [])
        if choice.gzip, size <= multipart.threshold, size > 0 {
            let data = try Self.read(opened, size: size, path: file)
            let stored: StoredBytes
            do { stored = try StoredBytes.make(data, gzip: true) } catch {
                throw ConfinedFileError(path: file.file, problem: .io("cannot compress it: \(error)"))
            }
            if stored.contentEncoding != nil {
                object.body = .gzip(stored.data)
                object.headers = choice.headers(contentEncoding: stored.contentEncoding)
                object.size = Int64(stored.data.count)
            }
            object.md5 = stored.md5
            object.etag = stored.md5
            return object
        }
        let partSize = size > multipart.threshold ? multipart.partSize(for: size) : nil
        let digest = try Self.digest(opened, size: size, partSize: partSize, path: file)
        object.md5 = digest.md5
        object.parts = digest.parts
        object.etag = digest.parts.isEmpty ? digest.md5 : digest.multipartETag
        return object
    }

    // MARK: - Reading and hashing

    /// All `size` bytes of an open file.
    static func read(_ opened: HTTPOpenFile, size: Int64, path: LocalFile) throws(ConfinedFileError) -> Data {
        let data: Data
        do { data = try opened.read(offset: 0, count: Int(size)) } catch {
            throw ConfinedFileError(path: path.file, problem: .io(error.description))
        }
        guard data.count == size else { throw ConfinedFileError(path: path.file, problem: .io("it changed size while it was read")) }
        return data
    }

    /// The file's MD5 and, with a part size, every part's MD5 and the multipart ETag, in one read.
    static func digest(
        _ opened: HTTPOpenFile, size: Int64, partSize: Int64?,
        path: LocalFile
    ) throws(ConfinedFileError) -> (md5: String, parts: [LocalObject.Part], multipartETag: String) {
        var whole = Insecure.MD5()
        var parts: [LocalObject.Part] = []
        var part = Insecure.MD5(), partStart: Int64 = 0, offset: Int64 = 0
        var concatenated = Data()
        func closePart() {
            let digest = Data(part.finalize())
            concatenated.append(digest)
            parts.append(
                LocalObject.Part(
                    number: parts.count + 1, offset: partStart, length: offset - partStart,
                    md5: ContentHash.hex(digest)))
            part = Insecure.MD5()
            partStart = offset
        }
        while true {
            let want = partSize.map { Int(min(1 << 20, $0 - (offset - partStart))) } ?? (1 << 20)
            let chunk: Data
            do { chunk = try opened.read(offset: offset, count: want) } catch {
                throw ConfinedFileError(path: path.file, problem: .io(error.description))
            }
            if chunk.isEmpty { break }
            whole.update(data: chunk)
            offset += Int64(chunk.count)
            if let partSize {
                part.update(data: chunk)
                if offset - partStart == partSize { closePart() }
            }
        }
        guard offset == size else { throw ConfinedFileError(path: path.file, problem: .io("it changed size while it was read")) }
        if partSize != nil, offset > partStart || parts.isEmpty { closePart() }
        let etag = parts.isEmpty ? "" : ContentHash.md5(concatenated) + "-\(parts.count)"
        return (ContentHash.hex(whole.finalize()), partSize == nil ? [] : parts, etag)
    }
}
