import Foundation
import Testing

@testable import TabiCore

/// `trip.json` is read from its bytes when the reader is sure, by `JSONDecoder` otherwise: the two
/// must never disagree on a trip the reader accepts.
@Suite struct TripJSONReaderTests {
    typealias Random = TripJSONWriterTests.Random
    static let decoder = JSONDecoder()

    @Test func everyWrittenTripIsReadBackByTheFastPath() throws {
        var random = Random(state: 7)
        for index in 0..<2_000 {
            let trip = TripJSONWriterTests().trip(&random)
            let data = TripJSON.encode(trip)
            let read = TripJSONReader.trip(data)
            #expect(read == trip, "trip #\(index)")
            #expect(read == (try Self.decoder.decode(Trip.self, from: data)), "trip #\(index)")
            if read != trip { return }
        }
    }

    /// Written trips with bytes cut, doubled or replaced by JSON's own: whatever the reader
    /// accepts, `JSONDecoder` decodes to the same trip.
    @Test func whatTheReaderAcceptsJSONDecoderReadsTheSame() {
        var random = Random(state: 99)
        let pieces: [[UInt8]] =
            [
                "\"", "\\", "\\u00e9", "\\ud83d\\ude00", "\\ud83d", "{", "}", "[", "]", ",", ":", "null", "1", "-0", "1.5",
                "1e400", "0x1", " ", "\n", "\u{0}", "é", "\u{FF}",
            ].map { Array($0.utf8) } + [[0xFF], [0xC3]]
        var accepted = 0, agreed = 0
        for _ in 0..<6_000 {
            var bytes = Array(TripJSON.encode(TripJSONWriterTests().trip(&random)))
            for _ in 0..<Int(1 + random.next() % 3) {
                let at = Int(random.next() % UInt64(bytes.count))
                let length = min(Int(random.next() % 4), bytes.count - at)
                let piece = pieces[Int(random.next() % UInt64(pieces.count))]
                switch random.next() % 3 {
                case 0: bytes.removeSubrange(at..<at + length)
                case 1: bytes.insert(contentsOf: piece, at: at)
                default: bytes.replaceSubrange(at..<at + length, with: piece)
                }
            }
            let data = Data(bytes)
            guard let read = TripJSONReader.trip(data) else { continue }
            accepted += 1
            let decoded = try? Self.decoder.decode(Trip.self, from: data)
            #expect(decoded == read, "\(String(decoding: bytes, as: UTF8.self))")
            if decoded == read { agreed += 1 }
        }
        // Many edits land in text and still parse: the comparison is not empty.
        #expect(accepted > 800, "\(accepted) edited trips read")
        #expect(agreed == accepted)
    }

    @Test func escapesUnknownKeysAndSpacingReadAsJSONDecoderReadsThem() throws {
        let json = #"""
            {"slug":"s","id":"t","title":"caf\u00e9 \ud83d\ude00 \/ \"q\" \\ \b\f\n\r\t",
             "extra": {"deep": [[[{"x": [true, false, null, -1.5e-3, "}"]}]]]}, "status" : "ongoing",
             "visibility":"unlisted", "destinations": [ ], "posts":[{"id":"p","timestamp":"2024-01-02T03:04:05Z",
             "photos":[{"id":"ph","storageKey":"k","position":-3,"width":null}],"latitude":-0,"longitude":12}]}
            """#
        let data = Data(json.utf8)
        let read = try #require(TripJSONReader.trip(data))
        #expect(read == (try Self.decoder.decode(Trip.self, from: data)))
        #expect(read.title == "café 😀 / \"q\" \\ \u{8}\u{c}\n\r\t")
        #expect(read.posts.first?.photos.first?.position == -3)
    }

    /// What the reader leaves to `JSONDecoder`: the same error as before names the field.
    @Test(arguments: [
        #"{"id":"t","id":"u","slug":"s","title":"T","status":"planning","visibility":"public","destinations":[],"posts":[]}"#,
        #"{"id":"t","slug":"s","title":"T","status":"planning","visibility":"public","destinations":[{"id":"d","name":"n","position":1.0}],"posts":[]}"#,
        #"{"id":"t","slug":"s","title":"\ud800","status":"planning","visibility":"public","destinations":[],"posts":[]}"#,
        #"{"id":"t","slug":"s","title":"T","status":"planning","visibility":"public","destinations":[],"posts":[]} x"#,
        #"{"id":"t","slug":"s","title":"T","status":"later","visibility":"public","destinations":[],"posts":[]}"#,
        #"{"id":"t","slug":"s","title":"T","status":"planning","visibility":"public","destinations":[]}"#,
    ])
    func theReaderGivesUpWhereItIsNotSure(json: String) {
        #expect(TripJSONReader.trip(Data(json.utf8)) == nil)
    }

    @Test func errorsStillNameTheField() {
        let json =
            #"{"id":"t","slug":"s","title":"T","status":"planning","visibility":"public","destinations":[],"posts":[{"id":"p","photos":[]}]}"#
        #expect(throws: TripJSONError(field: "posts[0].timestamp", reason: "is missing")) { try TripJSON.decode(Data(json.utf8)) }
    }
}
