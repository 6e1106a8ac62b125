import Foundation
import Gzip
import TestSupport
import Testing

/// Reading gzip back: what `gzip` and our own compressor wrote, within a byte budget.
@Suite struct GunzipTests {
    private let text = Data((0..<300_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) % 64 + 32 })

    @Test func whatWeCompressComesBackByteForByte() throws {
        #expect(try Gzip.decompress(try Gzip.compress(text), maxBytes: text.count) == text)
        #expect(try Gzip.decompress(try Gzip.compress(Data()), maxBytes: 0) == Data())
    }

    @Test func whatTheGzipToolWritesIsRead() async throws {
        let folder = TemporaryFolder("gunzip")
        let file = folder("page.html")
        try text.write(to: file)
        let result = try await CommandRunner.run(URL(fileURLWithPath: "/bin/gzip"), ["-9", "-k", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Gzip.decompress(Data(contentsOf: folder("page.html.gz")), maxBytes: 1 << 20) == text)
    }

    @Test func moreThanTheBudgetIsRefusedNotHeld() throws {
        let bomb = try Gzip.compress(Data(count: 50 << 20))
        #expect(bomb.count < 100_000)
        let error = try #require(throws: GzipError.self) { try Gzip.decompress(bomb, maxBytes: 1 << 20) }
        #expect(error.description.contains("more than 1048576 bytes"))
    }

    @Test func aCutOrForeignStreamIsAnError() throws {
        let whole = try Gzip.compress(text)
        #expect(throws: GzipError.self) { try Gzip.decompress(whole.prefix(whole.count / 2), maxBytes: 1 << 20) }
        #expect(throws: GzipError.self) { try Gzip.decompress(Data("<!doctype html>".utf8), maxBytes: 1 << 20) }
        #expect(throws: GzipError.self) { try Gzip.decompress(Data(), maxBytes: 1 << 20) }
    }
}
