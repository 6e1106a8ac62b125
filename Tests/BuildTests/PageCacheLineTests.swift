import Foundation
import Testing

@testable import Build

/// `_tabi/pages.jsonl` line by line.
@Suite struct PageCacheLineTests {
    /// A trip that is the same as when the record was read is written as the line that was read;
    /// a changed one is encoded again. (The planted line shows which path wrote it.)
    @Test func anUnchangedTripKeepsTheLineItWasReadFrom() throws {
        var cache = PageCache(siteKey: "k")
        let trip = CachedTrip(stamps: "s1", files: ["trips/a/index.html"], originals: [:], derivatives: [:])
        cache.trips = ["a": trip, "b": trip]
        let read = try #require(PageCache.decoded(cache.encoded()))
        #expect(read == cache)
        #expect(read.encoded() == cache.encoded())
        var next = PageCache(siteKey: "k")
        next.readLines = read.readLines
        next.readLines.lines["a"]?.bytes = Data(#"{"planted":true}"#.utf8)
        next.readLines.lines["b"]?.bytes = Data(#"{"planted":true}"#.utf8)
        var changed = trip
        changed.stamps = "s2"
        next.trips = ["a": trip, "b": changed]
        let lines = String(decoding: next.encoded(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == #"{"planted":true}"#)
        #expect(lines[2].hasPrefix(#"{"slug":"b","#) && lines[2].contains(#""stamps":"s2""#))
    }

    /// Decoded in runs side by side, the record is the same as decoded in one, each trip with its
    /// own line; a damaged line in any run is a damaged record.
    @Test(arguments: [1, 2, 3, 8]) func runsSideBySideReadTheSameRecord(parts: Int) throws {
        var cache = PageCache(siteKey: "k")
        for index in 0..<2_000 {
            cache.trips[String(format: "trip-%04d", index)] = CachedTrip(
                stamps: "s\(index)", files: ["trips/trip-\(index)/index.html"],
                originals: [:], derivatives: [:], neighbours: "n\(index % 7)")
        }
        let data = cache.encoded()
        let read = try #require(PageCache.decoded(data, parts: parts))
        #expect(read == cache)
        #expect(read.encoded() == data)
        #expect(read.readLines.lines["trip-1999"]?.trip == cache.trips["trip-1999"])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for damaged in [1, 1_000, 2_000] {
            var copy = lines
            copy[damaged] = copy[damaged].dropLast()
            #expect(PageCache.decoded(Data(copy.joined(separator: "\n").utf8), parts: parts) == nil, "line \(damaged)")
        }
    }
}
