import Foundation
import Render
import TabiCore
import Testing

@testable import Pipeline

/// The two indexes a night reads whole are kept as lines of escaped fields: any text goes
/// through, a malformed line is an error naming it, and another version reads as no index.
@Suite struct IndexRecordTests {
    static let hostile = ["tab\there", "line\nfeed", "cr\r", "back\\slash", "\\t not a tab", "e\u{301}\"\u{200D}", "", "末尾\\"]

    @Test func everyFieldComesBackAsWritten() throws {
        let rows = [Self.hostile, ["B", "x"], [""], Self.hostile.reversed()]
        let data = RecordLines.encode(format: "test 1", rows: rows)
        #expect(try RecordLines.decode(format: "test 1", data) == rows)
        // One line per row after the header: no field's line break survives unescaped.
        #expect(String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).count == rows.count + 2)
    }

    @Test func anotherVersionReadsAsNoneAndABadEscapeNamesItsLine() throws {
        let data = RecordLines.encode(format: "test 1", rows: [["a"]])
        #expect(try RecordLines.decode(format: "test 2", data) == nil)
        let bad = Data("test 1\nfine\nbad\\q\n".utf8)
        let error = #expect(throws: RecordLinesError.self) { try RecordLines.decode(format: "test 1", bad) }
        #expect(error?.line == 3)
        #expect(throws: RecordLinesError.self) { try RecordLines.decode(format: "test 1", Data("test 1\nends\\".utf8)) }
    }

    @Test func theListingIndexKeepsEachEntryWholeAndPlacedWithoutDecodingIt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let records = StateRecords(store: FolderStore(root: folder))
        var entry = try JSONDecoder().decode(
            ListingEntry.self,
            from: Data(
                """
                {"id":"t1","slug":"kyoto","title":"Kyoto\\t\\"autumn\\"\\n","tags":["food","a\\\\b"],"places":["Nara"],
                 "posts":3,"photos":1,"startDate":"2024-11-02","updated":"2024-11-10T09:00:00Z","summary":"\\u2028x"}
                """.utf8))
        entry.storyHTML = nil
        var index = ListingIndex()
        index.entries.buckets["b"] = .init(tag: "\"etag\"", entries: ["t1": ListedTrip(entry)])
        index.feed = ["t1": "<p>story\twith\ttabs\n</p>"]
        try await records.write(index, over: IndexParts())
        let read = try #require(try await records.read(ListingIndex.self)?.record)
        #expect(read == index)
        let trip = try #require(read.entries.entries["t1"])
        #expect(try trip.entry() == entry)
        #expect(trip.placement == entry.placement)

        // A story that changes in the feed, or comes or goes, makes its trip's part one to write.
        var story = read
        story.feed["t1"] = "<p>another</p>"
        #expect(story.changedParts(since: read) == [IndexParts.part(ofTrip: "t1")])
        story.feed = ["t2": "<p>new</p>"]
        #expect(story.changedParts(since: read) == Set(["t1", "t2"].map(IndexParts.part(ofTrip:))))

        var site = SiteIndex()
        site.trips.buckets["b"] = .init(
            tag: "t", entries: ["t1": .init(slug: "kyoto", inputs: "i", failed: true, content: nil, stamps: "s\tt")])
        try await records.write(site, over: IndexParts())
        #expect(try await records.read(SiteIndex.self)?.record == site)
    }

    /// The indexes are kept in parts: a night that changed one trip writes its part alone, a
    /// part of another version is a shortcut less (its buckets are read from their records), a
    /// damaged part is an error naming it, and the whole index of earlier versions goes.
    @Test func anIndexIsWrittenInPartsAndOnlyAChangedPartAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("index-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = FolderStore(root: folder)
        let records = StateRecords(store: store)
        try await store.write(SiteIndex.wholeName, Data("tabi-press site index 2\n".utf8), md5: "", attributes: .init(), condition: nil)
        var site = SiteIndex()
        for number in 0..<600 {
            let id = "trip-\(number)"
            let name = TripRecordBucket.name(TripShard.bucket(of: id))
            site.trips.buckets[name, default: .init(tag: "tag-\(name)", entries: [:])].entries[id] =
                .init(slug: "slug-\(number)", inputs: "i\(number)", failed: false, content: "c", stamps: nil)
        }
        #expect(try await records.write(site, over: IndexParts()) == IndexParts.count)
        #expect(try await store.read(SiteIndex.wholeName) == nil)
        let (read, parts) = try #require(try await records.read(SiteIndex.self))
        #expect(read == site)
        #expect(parts.stored.count == IndexParts.count)
        #expect(try await records.write(read, over: parts) == 0)

        var changed = read
        changed.trips.modify("trip-7") { $0.inputs = "new" }
        // Given what the parts were read as, only the part that changed is encoded and compared.
        #expect(changed.changedParts(since: read) == [IndexParts.part(ofTrip: "trip-7")])
        #expect(read.changedParts(since: read).isEmpty)
        #expect(try await records.write(changed, over: parts, original: read) == 1)
        let part = IndexParts.name(IndexParts.part(ofTrip: "trip-7"), in: SiteIndex.folder)
        #expect(try await records.read(SiteIndex.self)?.record == changed)

        // Another version's part: its buckets are missing, so a reader finds them stale.
        try await store.write(part, Data("tabi-press site index 1\nB\tx\ty\n".utf8), md5: "", attributes: .init(), condition: nil)
        let (older, olderParts) = try #require(try await records.read(SiteIndex.self))
        #expect(olderParts.stored.count == IndexParts.count - 1)
        #expect(older.trips.entries["trip-7"] == nil)
        #expect(older.trips.entries.count < 600 && older.trips.entries.count > 500)
        #expect(older.trips.staleBuckets([TripShard.bucket(of: "trip-7")], current: [TripShard.bucket(of: "trip-7"): "t"]).count == 1)

        try await store.write(
            part, Data("tabi-press site index 2\nE\tbefore-any-bucket\n".utf8), md5: "", attributes: .init(), condition: nil)
        let error = await #expect(throws: StoreError.self) { try await records.read(SiteIndex.self) }
        #expect(error?.description.contains(part) == true)
    }
}
