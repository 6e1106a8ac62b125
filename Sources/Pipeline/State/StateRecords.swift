import AWS
import Concurrency
import Foundation
import Publish
import TabiCore

/// Reads and writes the nightly records (JSON) in the private state store.
public struct StateRecords: Sendable {
    public let store: any ObjectStore

    public init(store: any ObjectStore) {
        self.store = store
    }

    /// A read of the state started early, awaited where its result is needed.
    typealias Pending<Value: Sendable> = Task<Result<Value, StoreError>, Never>

    /// Starts `read` now, on a task of its own; its record or its error is awaited later.
    func start<Value: Sendable>(_ read: @escaping @Sendable (StateRecords) async throws(StoreError) -> Value) -> Pending<Value> {
        Task {
            do throws(StoreError) { return .success(try await read(self)) } catch { return .failure(error) }
        }
    }

    /// A record, or nil when there is none. A record this version cannot read is an error: a
    /// run must not take it for "nothing published" and publish over it blindly.
    public func read<Record: Decodable>(_ type: Record.Type, _ name: String) async throws(StoreError) -> Record? {
        guard let data = try await store.read(name) else { return nil }
        return try decode(Record.self, data, name)
    }

    /// A record and its version tag (for a conditional write of the next one), or nil.
    public func readTagged<Record: Decodable>(_ type: Record.Type, _ name: String) async throws(StoreError) -> (
        record: Record, tag: String
    )? {
        guard let object = try await store.readTagged(name) else { return nil }
        return (try decode(Record.self, object.data, name), object.tag)
    }

    private func decode<Record: Decodable>(_ type: Record.Type, _ data: Data, _ name: String) throws(StoreError) -> Record {
        do {
            return try JSONDecoder().decode(Record.self, from: data)
        } catch {
            throw StoreError(
                key: store.location + name, operation: "read",
                message: "is not a record this version of tabi-press can read (\(error))")
        }
    }

    /// Writes a record as sorted JSON, never cached; with a `condition`, only if the record is
    /// absent or still has the tag given (see ``ObjectStore/write(_:_:md5:attributes:condition:)``).
    public func write(_ record: some Encodable, _ name: String, condition: S3WriteCondition? = nil) async throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(record) } catch {
            throw StoreError(key: name, operation: "encode", message: "\(error)")
        }
        try await put(data, name, contentType: "application/json", condition: condition)
    }

    /// Stores `data` under `name`, never cached, with its MD5.
    private func put(_ data: Data, _ name: String, contentType: String, condition: S3WriteCondition?) async throws(StoreError) {
        try await store.write(
            name, data, md5: ContentHash.md5(data),
            attributes: S3ObjectAttributes(contentType: contentType, cacheControl: HeaderRules.privateState),
            condition: condition)
    }

    /// An index kept in ``IndexParts``, with the bytes of its parts as read; nil when no part of
    /// this version is there. A part of another version reads as missing (an index is only a
    /// shortcut to the record buckets: a reader takes what it lacks from them); a damaged one
    /// is an error naming it.
    func read<Record: LinedRecord>(_ type: Record.Type) async throws(StoreError) -> (record: Record, parts: IndexParts)? {
        let names = (0..<IndexParts.count).map { IndexParts.name($0, in: Record.folder) }
        var record = Record()
        var parts = IndexParts()
        var failure: StoreError?
        let store = self.store
        // Each part is decoded where it was read, so the parts are decoded on every core.
        await slidingWindow(names.count, concurrency: names.count) { index -> Result<(Record, Data)?, StoreError> in
            do throws(StoreError) {
                guard let data = try await store.read(names[index]) else { return .success(nil) }
                do {
                    guard let rows = try RecordLines.decode(format: Record.format, data) else { return .success(nil) }
                    var part = Record()
                    try part.add(rows: rows)
                    return .success((part, data))
                } catch {
                    throw StoreError(
                        key: store.location + names[index], operation: "read",
                        message: "is not an index tabi-press can read (\(error))")
                }
            } catch {
                return .failure(error)
            }
        } collect: { index, result in
            switch result {
            case .success(let (part, data)?):
                record.merge(part)
                parts.stored[index] = data
            case .success(nil): break
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return parts.stored.isEmpty ? nil : (record, parts)
    }

    /// Writes the parts of `record` whose bytes are not those `parts` were read with, never
    /// cached, several at a time; returns how many were written. Given the `original` record
    /// those parts were read as, only the parts that changed since (and those not read) are
    /// encoded to be compared. When no part was read (the first index in parts), the whole
    /// index earlier versions kept goes.
    @discardableResult
    func write<Record: LinedRecord>(_ record: Record, over parts: IndexParts, original: Record? = nil) async throws(StoreError) -> Int {
        var changed: [(name: String, data: Data)] = []
        let candidates = original.map { record.changedParts(since: $0) }
        for number in 0..<IndexParts.count {
            if let candidates, parts.stored[number] != nil, !candidates.contains(number) { continue }
            let data = RecordLines.encode(format: Record.format, rows: record.rows(part: number))
            if parts.stored[number] != data { changed.append((IndexParts.name(number, in: Record.folder), data)) }
        }
        var failure: StoreError?
        let records = self, writes = changed
        await slidingWindow(writes.count, concurrency: IndexParts.count) { index -> StoreError? in
            do throws(StoreError) {
                try await records.put(
                    writes[index].data, writes[index].name, contentType: "text/tab-separated-values; charset=utf-8",
                    condition: nil)
                return nil
            } catch {
                return error
            }
        } collect: { _, error in
            if let error { failure = failure ?? error }
        }
        if let failure { throw failure }
        if parts.stored.isEmpty { _ = await store.delete([Record.wholeName]) }
        return writes.count
    }

    /// Where every record is kept.
    static let folder = "nightly/"

    /// Every record there is, by key, with its tag: one listing. The finalize step takes both
    /// the shards' markers and the record buckets' tags from it (it made two listings, each as
    /// long: a bucket is listed from the first `/` of the prefix back, see ``BucketStore``).
    public func listing() async throws(StoreError) -> [String: String] {
        try await store.tags(Self.folder)
    }

    /// The tags of the trip record buckets there are, by bucket number: one listing.
    public func tripBucketTags() async throws(StoreError) -> [Int: String] {
        Self.tripBucketTags(in: try await store.tags(TripRecordBucket.folder))
    }

    /// The tags of the trip record buckets of `listing` (key → tag), by bucket number.
    static func tripBucketTags(in listing: [String: String]) -> [Int: String] {
        var tags: [Int: String] = [:]
        for (name, tag) in listing {
            if let number = TripRecordBucket.number(ofName: name) { tags[number] = tag }
        }
        return tags
    }

    /// The trip record buckets `buckets` with their tags, read several at a time; those that
    /// `existing` (``tripBucketTags()``) does not list are empty, with no tag, and not read.
    public func tripBuckets(_ buckets: [Int], existing: [Int: String]) async throws(StoreError) -> [Int: TaggedBucket] {
        let wanted = buckets.filter { existing[$0] != nil }
        var found: [Int: TaggedBucket] = [:]
        var failure: StoreError?
        let records = self
        await slidingWindow(wanted.count, concurrency: 16) { index -> Result<(record: TripRecordBucket, tag: String)?, StoreError> in
            do throws(StoreError) {
                return .success(try await records.readTagged(TripRecordBucket.self, TripRecordBucket.name(wanted[index])))
            } catch {
                return .failure(error)
            }
        } collect: { index, result in
            switch result {
            case .success(let bucket?): found[wanted[index]] = TaggedBucket(record: bucket.record, tag: bucket.tag)
            case .success(nil): break
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw failure }
        for bucket in buckets where found[bucket] == nil { found[bucket] = TaggedBucket(record: TripRecordBucket(), tag: nil) }
        return found
    }
}

/// A record kept as ``RecordLines`` rather than JSON, in ``IndexParts``: the indexes, which a
/// night reads whole.
protocol LinedRecord: Sendable {
    /// The first line of each part, naming the record and its version.
    static var format: String { get }
    /// The folder of its parts.
    static var folder: String { get }
    /// Where earlier versions kept it whole.
    static var wholeName: String { get }
    init()
    /// Takes in the rows of one part.
    mutating func add(rows: [[String]]) throws(RecordLinesError)
    /// The rows of part `part` (``IndexParts``).
    func rows(part: Int) -> [[String]]
    /// The parts (``IndexParts``) whose rows may differ from those of `original`.
    func changedParts(since original: Self) -> Set<Int>
    /// Takes in what another part held.
    mutating func merge(_ part: Self)
}

/// A trip record bucket as read, and its tag (nil: there was none).
public struct TaggedBucket: Sendable {
    public var record: TripRecordBucket
    public var tag: String?
}
