import Foundation
import Gzip

/// Files to archive, and the archive of a list of them.
enum ZipFixtures {
    /// Text deflate shrinks well.
    static let text = Data(
        String(
            repeating: "Day 3: temples, tea and red maples along the Philosopher's Path.\n",
            count: 300
        ).utf8)

    /// `count` bytes no compressor shrinks: a fixed xorshift32 stream, the same every run.
    static func noise(_ count: Int, seed: UInt32 = 2_463_534_242) -> Data {
        var state = seed
        return Data(
            (0..<count).map { _ in
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                return UInt8(truncatingIfNeeded: state)
            })
    }

    /// A trip export's worth of files, in no particular order. The names sort differently by
    /// bytes than by `String` comparison or case-insensitively: `a-b` (0x2D) before `a/b` (0x2F),
    /// `Z` before `a`, `東` (0xE6 …) after `z`.
    static let trip: [(path: String, data: Data)] = [
        ("trip.json", Data(#"{"title":"Kyoto in autumn","days":3}"#.utf8)),
        ("posts/day-1.md", text),
        ("photos/kyoto/001.jpg", noise(200_000)),
        ("photos/kyoto-2/002.jpg", noise(3_000, seed: 7)),
        ("empty.txt", Data()),
        ("東京/写真.txt", Data("x".utf8)),
        ("Zen.txt", Data("a".utf8)),
        ("zz.txt", Data("b".utf8)),
        ("café/menu.txt", Data("matcha".utf8)),
        ("a-b", Data("dash".utf8)),
        ("a/b", Data("slash".utf8)),
    ]

    /// The archive of `files`, added in the order given.
    static func archive(_ files: [(path: String, data: Data)]) throws -> Data {
        var archive = ZipArchive()
        for file in files { try archive.add(path: file.path, data: file.data) }
        return archive.encoded()
    }
}

/// Whether `a` and `b` hold the same bytes, as a plain `Bool`: on a failed `#expect(a == b)`,
/// Swift Testing diffs the two collections, which takes minutes for large unlike `Data`.
func sameBytes(_ a: Data, _ b: Data) -> Bool { a == b }

extension Array where Element == UInt8 {
    /// Lowercase hex, as the Python reader prints bytes.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
