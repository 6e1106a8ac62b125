import Crypto
import Foundation
import Gzip
import Publish
import Testing

/// `StoredBytes`: compressed only when asked and smaller, the same bytes every time, and the MD5
/// of what is stored (S3's ETag of a one-part object).
@Suite struct StoredBytesTests {
    static func md5(_ data: Data) -> String { Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    @Test func textThatShrinksIsStoredGzippedAndReadsBack() throws {
        let page = Data(String(repeating: "<p>Kyoto in the rain.</p>\n", count: 200).utf8)
        let stored = try StoredBytes.make(page, gzip: true)
        #expect(stored.contentEncoding == "gzip" && stored.data.count < page.count)
        #expect(try Gzip.decompress(stored.data, maxBytes: 1 << 20) == page)
        #expect(stored.md5 == Self.md5(stored.data))
        #expect(try StoredBytes.make(page, gzip: true).data == stored.data, "the same input, the same bytes and ETag")
    }

    @Test func whatWouldGrowOrWasNotAskedIsStoredAsItIs() throws {
        let tiny = Data("a".utf8)
        for (data, gzip) in [(tiny, true), (Data(String(repeating: "x", count: 500).utf8), false), (Data(), true)] {
            let stored = try StoredBytes.make(data, gzip: gzip)
            #expect(stored.contentEncoding == nil && stored.data == data && stored.md5 == Self.md5(data))
        }
    }
}
