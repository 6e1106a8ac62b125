import Foundation
@testable import Pipeline
import Render
import Testing
import TabiCore

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
        var entry = try JSONDecoder().decode(ListingEntry.self, from: Data("""
            {"id":"t1","slug":"kyoto","title":"Kyoto\\t\\"autumn\\"\\n","tags":["food","a\\\\b"],"places":["Nara"],
             "posts":3,"photos":1,"startDate":"2024-11-02","updated":"2024-11-10T09:00:00Z","summary":"\\u2028x"}
            """.utf8))
        entry.storyHTML = nil
        var index = ListingIndex()
        index.entries.buckets["b"] = .init(tag: "\"etag\"", entries: ["t1": ListedTrip(entry)])
        index.feed = ["t1": "<p>story\twith\ttabs\n</p>"]
        try await records.write(index, ListingIndex.name)
        let read = try #require(try await records.read(ListingIndex.self, ListingIndex.name))
        #expect(read == index)
        let trip = try #require(read.entries.entries["t1"])
        #expect(try trip.entry() == entry)
        #expect(trip.placement == entry.placement)

        var site = SiteIndex()
        site.trips.buckets["b"] = .init(tag: "t", entries: ["t1": .init(slug: "kyoto", inputs: "i", failed: true, content: nil, stamps: "s\tt")])
        try await records.write(site, SiteIndex.name)
        #expect(try await records.read(SiteIndex.self, SiteIndex.name) == site)
    }
}
