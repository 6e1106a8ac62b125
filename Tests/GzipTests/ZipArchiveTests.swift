import Foundation
import Gzip
import TestSupport
import Testing

/// The archive `tabi-press export --zip` writes: the same files give the same bytes, and readers
/// written by others unpack exactly those files.
@Suite struct ZipArchiveTests {
    let files = ZipFixtures.trip

    @Test func theSameFilesInAnyOrderGiveTheSameBytes() throws {
        let reference = try ZipFixtures.archive(files)
        var orders = [Array(files.reversed())]
        for shift in 1..<files.count { orders.append(Array(files[shift...] + files[..<shift])) }
        var shuffler = SplitMix(seed: 42)
        for _ in 0..<5 { orders.append(files.shuffled(using: &shuffler)) }
        for order in orders {
            #expect(sameBytes(try ZipFixtures.archive(order), reference), "added as \(order.map(\.path))")
        }
        #expect(sameBytes(try ZipFixtures.archive(files), reference), "a second run")
    }

    @Test func pythonsZipfileReadsBackEveryFileSortedByThePathsBytes() async throws {
        let listing = try await ZipReaders.python(try ZipFixtures.archive(files))
        #expect(listing.testzip == nil)
        #expect(listing.comment.isEmpty)
        let expected = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        #expect(listing.entries.map(\.nameBytes) == expected.map { Array($0.path.utf8).hex })
        #expect(listing.entries.map(\.name) == expected.map(\.path))
        for (entry, file) in zip(listing.entries, expected) {
            #expect(sameBytes(entry.data, file.data), "\(file.path)")
            #expect(entry.size == file.data.count, "\(file.path)")
        }
        #expect(listing.entries.map(\.name).starts(with: ["Zen.txt", "a-b", "a/b", "café/menu.txt", "empty.txt"]))
        #expect(listing.entries.map(\.name).suffix(2) == ["zz.txt", "東京/写真.txt"])
    }

    /// Nothing in any header comes from the clock, the user or the machine.
    @Test func everyHeaderFieldIsFixed() async throws {
        let listing = try await ZipReaders.python(try ZipFixtures.archive(files))
        for entry in listing.entries {
            #expect(entry.dateTime == [1980, 1, 1, 0, 0, 0], "\(entry.name)")
            #expect(entry.createSystem == 3 && entry.createVersion == 30, "\(entry.name): made by Unix, ZIP 3.0")
            #expect(entry.extractVersion == 20, "\(entry.name)")
            #expect(entry.flags == 0x0800, "\(entry.name): UTF-8 names, no data descriptor")
            #expect(entry.externalAttr == 0o100644 << 16, "\(entry.name): a regular file, mode 0644")
            #expect(entry.internalAttr == 0, "\(entry.name)")
            #expect(entry.extra.isEmpty && entry.comment.isEmpty, "\(entry.name)")
            // The local header says what the central directory says: sizes and CRC up front.
            #expect(
                entry.local
                    == .init(
                        extractVersion: 20, flags: 0x0800, method: entry.method, time: 0, date: 0x21,
                        crc: entry.crc, compressedSize: entry.compressedSize, size: entry.size,
                        nameBytes: entry.nameBytes, extraLength: 0), "\(entry.name)")
        }
    }

    @Test func unzipFindsNoErrors() async throws {
        let result = try await ZipReaders.unzipTest(try ZipFixtures.archive(files))
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("No errors detected"), "\(result.stdout)")
        for file in files { #expect(result.stdout.contains("testing: \(file.path)"), "\(file.path)") }
    }

    @Test func incompressibleFilesAreStoredAndTextIsDeflated() async throws {
        let noise = ZipFixtures.noise(1 << 20)
        let archive = try ZipFixtures.archive([
            ("noise.bin", noise), ("story.md", ZipFixtures.text),
            ("one.txt", Data("a".utf8)), ("empty.txt", Data()),
        ])
        let entries = await Dictionary(uniqueKeysWithValues: try ZipReaders.python(archive).entries.map { ($0.name, $0) })
        let stored = try #require(entries["noise.bin"])
        #expect(stored.method == 0 && stored.compressedSize == noise.count)
        #expect(sameBytes(stored.data, noise))
        let deflated = try #require(entries["story.md"])
        #expect(deflated.method == 8 && deflated.compressedSize < ZipFixtures.text.count / 10)
        #expect(sameBytes(deflated.data, ZipFixtures.text))
        // Deflate makes one byte three: kept as it is.
        #expect(entries["one.txt"]?.method == 0 && entries["one.txt"]?.compressedSize == 1)
        #expect(entries["empty.txt"]?.method == 0 && entries["empty.txt"]?.compressedSize == 0)
        // Stored data adds only headers: the archive is barely larger than the noise.
        #expect(archive.count < noise.count + ZipFixtures.text.count / 10 + 400)
        let unzip = try await ZipReaders.unzipTest(archive)
        #expect(unzip.status == 0, "\(unzip.stdout)\(unzip.stderr)")
    }

    @Test func theEmptyArchiveIsAnEndRecordAlone() async throws {
        let archive = ZipArchive().encoded()
        #expect(archive == Data([0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)))
        let listing = try await ZipReaders.python(archive)
        #expect(listing.testzip == nil && listing.entries.isEmpty)
        // unzip calls an empty archive a warning (status 1), not an unreadable one (status 9).
        let unzip = try await ZipReaders.unzipTest(archive)
        #expect(unzip.status == 1 && (unzip.stdout + unzip.stderr).contains("zipfile is empty"), "\(unzip.stdout)\(unzip.stderr)")
    }
}
