import AWS
import Crypto
import Foundation
import TabiCore

/// Reads and writes the nightly records (JSON) in the private state store.
public struct StateRecords: Sendable {
    public let store: any ObjectStore

    public init(store: any ObjectStore) {
        self.store = store
    }

    /// A record, or nil when there is none. A record this version cannot read is an error: a
    /// run must not take it for "nothing published" and publish over it blindly.
    public func read<Record: Decodable>(_ type: Record.Type, _ name: String) async throws(StoreError) -> Record? {
        guard let data = try await store.read(name) else { return nil }
        do {
            return try JSONDecoder().decode(Record.self, from: data)
        } catch {
            throw StoreError(key: store.location + name, operation: "read",
                             message: "is not a record this version of tabi-press can read (\(error))")
        }
    }

    /// Writes a record as sorted JSON, never cached.
    public func write(_ record: some Encodable, _ name: String) async throws(StoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(record) } catch {
            throw StoreError(key: name, operation: "encode", message: "\(error)")
        }
        let md5 = ContentHash.hex(Insecure.MD5.hash(data: data))
        try await store.write(name, data, md5: md5,
                              attributes: S3ObjectAttributes(contentType: "application/json", cacheControl: "no-cache, private"))
    }

    /// The trip record buckets of `buckets`, read several at a time; missing ones are empty.
    /// Listing first (one request per thousand) saves a GET for each bucket no trip uses yet.
    public func tripBuckets(_ buckets: [Int]) async throws(StoreError) -> [Int: TripRecordBucket] {
        let existing = Set(try await store.list("nightly/trips/"))
        let wanted = buckets.filter { existing.contains(TripRecordBucket.name($0)) }
        var found: [Int: TripRecordBucket] = [:]
        var failure: StoreError?
        let records = self
        await slidingWindow(wanted.count, concurrency: 16) { index -> Result<TripRecordBucket?, StoreError> in
            do throws(StoreError) {
                return .success(try await records.read(TripRecordBucket.self, TripRecordBucket.name(wanted[index])))
            } catch {
                return .failure(error)
            }
        } collect: { index, result in
            switch result {
            case .success(let bucket?): found[wanted[index]] = bucket
            case .success(nil): break
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw failure }
        for bucket in buckets where found[bucket] == nil { found[bucket] = TripRecordBucket() }
        return found
    }
}
