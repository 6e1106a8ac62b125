import Foundation
import Testing

@testable import Pipeline

/// site.json keeps a link key per trip as lines in one string; records written before, with
/// the keys as an object, still read.
@Suite struct SiteRecordTests {
    static func roundTrip(_ record: SiteRecord) throws -> (SiteRecord, String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(record)
        return (try JSONDecoder().decode(SiteRecord.self, from: data), String(decoding: data, as: UTF8.self))
    }

    @Test func linkKeysAreWrittenAsLinesAndReadBack() throws {
        var record = SiteRecord()
        record.files = ["index.html": "0f"]
        record.listed = 2
        record.links = ["b2c1e0de-0000-4000-8000-000000000002": "89ab", "a1c1e0de-0000-4000-8000-000000000001": "0123"]
        let (read, json) = try Self.roundTrip(record)
        #expect(read == record)
        #expect(json.contains(#""linkLines":"a1c1e0de-0000-4000-8000-000000000001 0123\nb2c1e0de-0000-4000-8000-000000000002 89ab\n""#))
        #expect(!json.contains(#""links""#))

        for links in [nil, [:]] as [[String: String]?] {
            record.links = links
            #expect(try Self.roundTrip(record).0 == record)
        }
        // Text that cannot stand on a line is written as an object, and comes back the same.
        record.links = ["an id with spaces": "k", "id": "line\nfeed"]
        let (odd, oddJSON) = try Self.roundTrip(record)
        #expect(odd == record)
        #expect(oddJSON.contains(#""links":{"#))
    }

    @Test func aRecordWithLinksAsAnObjectStillReadsAndABadLineDoesNot() throws {
        let old = #"{"files":{},"links":{"t1":"0123"},"version":1}"#
        #expect(try JSONDecoder().decode(SiteRecord.self, from: Data(old.utf8)).links == ["t1": "0123"])
        for bad in ["t1\n", "t1 0123\nt1 4567\n"] {
            let text = #"{"files":{},"linkLines":"# + bad.replacingOccurrences(of: "\n", with: "\\n") + #"","version":1}"#
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(SiteRecord.self, from: Data(text.utf8)) }
        }
    }
}
