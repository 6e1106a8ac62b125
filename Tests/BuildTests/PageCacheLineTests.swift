import Foundation
import Images
import TabiCore
import Testing

@testable import Build
@testable import Render

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

/// The fast reader of a line gives what `JSONDecoder` gives, or gives up and lets it decide.
@Suite struct PageCacheFastLineTests {
    static func rendition(_ path: String, _ width: Int, _ format: ImageFormat) -> ImageRendition {
        ImageRendition(path: path, width: width, height: width * 3 / 4, format: format)
    }

    static let cover = ListingEntry.Cover(
        caption: "A \"quote\"\u{301} / slash \u{2028} \\ tab\t",
        renditions: PhotoRenditions(
            photoId: "p1", thumbnail: rendition("media/ab/ab-t.jpg", 300, .jpeg), medium: rendition("media/ab/ab-m.jpg", 800, .jpeg),
            responsive: [rendition("media/ab/ab-480.webp", 480, .webp), rendition("media/ab/ab-960.jpg", 960, .jpeg)]))

    static func trips() throws -> [CachedTrip] {
        let json = [
            #"{"id":"t1","slug":"kyoto","title":"Kyoto 🍁 \"autumn\"\n","summary":"<b>x</b>","startDate":"2024-11-02","#,
            #""endDate":"2024-11-09","updated":"2024-11-10T09:00:00.250Z","author":"Ä","tags":["food","a\\b"],"#,
            #""places":["Nara","京都"],"posts":3,"photos":1,"storyHTML":"<p>story</p>"}"#,
        ].joined()
        let full = try JSONDecoder().decode(ListingEntry.self, from: Data(json.utf8))
        var withCover = full
        withCover.cover = cover
        var bare = full
        (bare.summary, bare.startDate, bare.endDate, bare.updated, bare.author, bare.storyHTML) = (nil, nil, nil, nil, nil, nil)
        (bare.tags, bare.places) = ([], [])
        let sizes = ["media/ab/ab-t.jpg": PixelSize(width: 300, height: 300), "travels/x/0.jpg": PixelSize(width: 4000, height: 3000)]
        return [
            CachedTrip(stamps: "1@2 -", files: ["trips/kyoto/index.html"], originals: [:], derivatives: [:]),
            CachedTrip(
                stamps: "1@2 3@4", files: ["trips/kyoto/index.html", "trips/kyoto/proposal/index.html"], originals: sizes,
                derivatives: sizes, listing: withCover, storyDropped: true, neighbours: "a\tA\nb\tB"),
            CachedTrip(stamps: "s", files: [], originals: [:], derivatives: [:], listing: full, storyDropped: false),
            CachedTrip(stamps: "s", files: [], originals: [:], derivatives: [:], listing: bare),
        ]
    }

    @Test func everyLineReadsAsJSONDecoderReadsIt() throws {
        for trip in try Self.trips() {
            var cache = PageCache(siteKey: "k")
            cache.trips = ["kyoto": trip]
            let line = String(decoding: cache.encoded(), as: UTF8.self).split(separator: "\n")[1]
            let fast = try #require(PageCache.fastLine(Data(line.utf8)))
            #expect(fast.slug == "kyoto")
            #expect(fast.trip == trip)
            // The whole record, fast lines and all, reads back as it was written.
            #expect(PageCache.decoded(cache.encoded()) == cache)
        }
    }

    /// What the reader is not sure of, it leaves: a key twice, a fraction where an integer
    /// goes, a missing required field, text after the line, an unknown format.
    @Test func whatItIsNotSureOfIsLeftToJSONDecoder() {
        let good = #"{"slug":"a","trip":{"derivatives":{"m":{"height":2,"width":1}},"files":[],"originals":{},"stamps":"s"}}"#
        #expect(PageCache.fastLine(Data(good.utf8))?.trip.derivatives["m"] == PixelSize(width: 1, height: 2))
        for odd in [
            #"{"slug":"a","slug":"b","trip":{"derivatives":{},"files":[],"originals":{},"stamps":"s"}}"#,
            #"{"slug":"a","trip":{"derivatives":{"m":{"height":2.5,"width":1}},"files":[],"originals":{},"stamps":"s"}}"#,
            #"{"slug":"a","trip":{"files":[],"originals":{},"stamps":"s"}}"#,
            #"{"slug":"a","trip":{"derivatives":{},"files":[],"originals":{},"stamps":"s"}} x"#,
            #"{"slug":"a","trip":{"derivatives":{"m":{"height":2,"width":1},"m":{"height":2,"width":1}},"files":[],"originals":{},"stamps":"s"}}"#,
            #"{"slug":"a\ud800","trip":{"derivatives":{},"files":[],"originals":{},"stamps":"s"}}"#,
        ] {
            #expect(PageCache.fastLine(Data(odd.utf8)) == nil, "\(odd)")
        }
    }
}
