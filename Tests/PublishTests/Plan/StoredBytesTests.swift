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

    @Test func aLargeFileIsCompressedAtLevelSixASmallOneAtNine() throws {
        let line = "<url><loc>https://example.org/trips/kyoto-in-the-rain-"
        let small = Data((0..<100).map { "\(line)\($0 * 7919 % 1000)/</loc></url>\n" }.joined().utf8)
        let large = Data((0..<20_000).map { "\(line)\($0 * 7919 % 100_000)/</loc></url>\n" }.joined().utf8)
        #expect(large.count > StoredBytes.largeFileBytes && small.count <= StoredBytes.largeFileBytes)
        for (data, level) in [(small, Int32(9)), (large, 6)] {
            let stored = try StoredBytes.make(data, gzip: true)
            #expect(stored.data == (try Gzip.compress(data, level: level)), "\(data.count) bytes: level \(level)")
            #expect(stored.data != (try Gzip.compress(data, level: level == 9 ? 6 : 9)), "levels 6 and 9 give the same bytes here")
            #expect(try Gzip.decompress(stored.data, maxBytes: 8 << 20) == data)
        }
    }

    @Test func whatWouldGrowOrWasNotAskedIsStoredAsItIs() throws {
        let tiny = Data("a".utf8)
        for (data, gzip) in [(tiny, true), (Data(String(repeating: "x", count: 500).utf8), false), (Data(), true)] {
            let stored = try StoredBytes.make(data, gzip: gzip)
            #expect(stored.contentEncoding == nil && stored.data == data && stored.md5 == Self.md5(data))
        }
    }
}
