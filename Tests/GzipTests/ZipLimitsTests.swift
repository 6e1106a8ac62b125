import Foundation
import Testing

@testable import Gzip

/// There is no ZIP64: past 65,535 entries or 4 GiB, adding throws, and the archive stays one
/// every reader takes.
@Suite struct ZipLimitsTests {
    @Test func sixtyFiveThousandFiveHundredThirtyFiveEntriesAndNoMore() async throws {
        var archive = ZipArchive()
        for index in 0..<ZipArchive.maximumEntryCount {
            try archive.add(path: String(format: "files/%05d.txt", index), data: Data())
        }
        #expect(throws: ZipError.tooManyEntries(path: "one-more.txt")) { try archive.add(path: "one-more.txt", data: Data()) }
        let listing = try await ZipReaders.pythonNames(archive.encoded())
        #expect(listing.testzip == nil)
        #expect(listing.names.count == 65_535)
        #expect(listing.names.first == "files/00000.txt" && listing.names.last == "files/65534.txt")
    }

    /// 0xFFFFFFFF in a size field means "the size is in a ZIP64 field", so the largest entry is a
    /// byte smaller. `Data(count:)` does not touch its pages, and the size is checked first.
    @Test func anEntryOfFourGiBIsRefused() throws {
        var archive = ZipArchive()
        let huge = Data(count: Int(UInt32.max))
        #expect(throws: ZipError.entryTooLarge(path: "huge.bin", size: 4_294_967_295, limit: 4_294_967_294)) {
            try archive.add(path: "huge.bin", data: huge)
        }
        #expect(archive.encoded() == ZipArchive().encoded())
    }

    /// The same checks against a small limit, so the test needs no 4 GiB of memory. An entry
    /// takes 30 + name + body + 46 + name bytes; the end record's 22 do not count (it holds no
    /// offset to anything after it).
    @Test func anArchivePastTheLimitIsRefusedAndWhatWasAddedStillReads() async throws {
        var archive = ZipArchive(limit: 1_034)
        let noise = ZipFixtures.noise(400)
        try archive.add(path: "a", data: noise)  // 478 bytes, stored
        try archive.add(path: "b", data: noise)  // 956
        #expect(throws: ZipError.entryTooLarge(path: "c", size: 1_035, limit: 1_034)) {
            try archive.add(path: "c", data: ZipFixtures.noise(1_035))
        }
        #expect(throws: ZipError.archiveTooLarge(path: "c", size: 1_035 + 22, limit: 1_034)) {
            try archive.add(path: "c", data: Data("x".utf8))  // 956 + 79
        }
        try archive.add(path: "d", data: Data())  // 956 + 78: exactly the limit
        let listing = try await ZipReaders.python(archive.encoded())
        #expect(listing.testzip == nil && listing.entries.map(\.name) == ["a", "b", "d"])
    }

    @Test func limitErrorsSayThereIsNoZIP64() {
        let errors: [ZipError] = [
            .tooManyEntries(path: "x"), .entryTooLarge(path: "x", size: 5, limit: 4),
            .archiveTooLarge(path: "x", size: 5, limit: 4),
        ]
        for error in errors { #expect(error.description.contains("without ZIP64, which this writer does not support")) }
    }
}
