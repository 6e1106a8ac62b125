import Foundation
import Gzip
import TestSupport
import Testing

/// Entry paths that could write outside the folder an archive is unpacked into, or that readers
/// could split differently, are refused; the archive is left as it was.
@Suite struct ZipEntryPathTests {
    static let plain: [(String, ZipPathProblem)] = [
        ("", .empty),
        ("/x", .absolute), ("/", .absolute), ("/etc/passwd", .absolute),
        ("../x", .parentSegment), ("..", .parentSegment), ("a/../b", .parentSegment), ("a/..", .parentSegment),
        (".", .currentSegment), ("./a", .currentSegment), ("a/./b", .currentSegment),
        ("a//b", .emptySegment),
        ("a/", .folder), ("photos/kyoto/", .folder),
        ("a\\b", .backslash), ("..\\x", .backslash), ("C:\\x", .backslash),
        ("a\0b", .controlCharacter(0)), ("\0", .controlCharacter(0)), ("a\nb", .controlCharacter(0x0A)),
        ("a\u{1B}[2Jb", .controlCharacter(0x1B)), ("a\u{7F}", .controlCharacter(0x7F)),
        (String(repeating: "a", count: 65_536), .tooLong(65_536)),
    ]

    /// A `/` or `.` glued to a mark is one `Character`: the bytes still say what the path is.
    static var marked: [(String, ZipPathProblem)] {
        HostileText.joiningMarks.flatMap { mark in
            [
                ("../\(mark)x", .parentSegment),
                ("/\(mark)x", .absolute),
                ("a//\(mark)b", .emptySegment),
                ("a/\(mark)../b", .fusedSeparator),
                ("a/.\(mark)/b", .fusedSeparator),
                ("a/..\(mark)", .fusedSeparator),
                ("photo.\(mark)jpg", .fusedSeparator),
            ] as [(String, ZipPathProblem)]
        }
            + HostileText.prependMarks.flatMap { mark in
                [
                    ("a\(mark)/b", .fusedSeparator),
                    ("\(mark)../x", .fusedSeparator),
                ] as [(String, ZipPathProblem)]
            }
    }

    @Test func hostilePathsAreRefusedAndLeaveTheArchiveAsItWas() throws {
        var archive = ZipArchive()
        try archive.add(path: "kept.txt", data: Data("kept".utf8))
        let before = archive.encoded()
        for (path, problem) in Self.plain + Self.marked {
            #expect(throws: ZipError.unsafePath(path, problem), "\(path.debugDescription)") {
                try archive.add(path: path, data: Data("x".utf8))
            }
        }
        #expect(archive.encoded() == before)
    }

    /// Why the checks read bytes: `String` sees none of these as absolute or climbing out.
    @Test func aCharacterViewMissesWhatTheBytesSay() {
        #expect(!"/\u{301}x".hasPrefix("/"))
        #expect("../\u{301}x".split(separator: "/") == ["../\u{301}x"])
        #expect(!"a//\u{301}b".contains("//"))
    }

    @Test func plainNamesWithDotsMarksAndOtherScriptsAreKeptByteForByte() async throws {
        let paths = [
            "...", "..a", "a..", ".hidden", "a/b.c/d", "a/...b", "東京/写真.jpg", "cafe\u{301}.txt",
            "caf\u{E9}.txt", "\u{301}x", "a/b\u{301}/c", "emoji/👍🏻.txt", "name with spaces", "C:x",
        ]
        var archive = ZipArchive()
        for path in paths { try archive.add(path: path, data: Data(path.utf8)) }
        let listing = try await ZipReaders.python(archive.encoded())
        #expect(listing.testzip == nil)
        let expected = paths.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
        #expect(listing.entries.map(\.nameBytes) == expected.map(\.hex))
        for entry in listing.entries { #expect(entry.data == Data(entry.name.utf8), "\(entry.name)") }
    }

    /// Paths are compared as the bytes stored: `café` composed and decomposed are two files
    /// (`String` would call them equal), the same bytes twice are refused.
    @Test func duplicatesAreTheSameBytes() async throws {
        var archive = ZipArchive()
        try archive.add(path: "a/b.txt", data: Data("first".utf8))
        #expect(throws: ZipError.duplicatePath("a/b.txt")) { try archive.add(path: "a/b.txt", data: Data("second".utf8)) }
        try archive.add(path: "caf\u{E9}.txt", data: Data("composed".utf8))
        try archive.add(path: "cafe\u{301}.txt", data: Data("decomposed".utf8))
        #expect(throws: ZipError.duplicatePath("cafe\u{301}.txt")) { try archive.add(path: "cafe\u{301}.txt", data: Data()) }
        let listing = try await ZipReaders.python(archive.encoded())
        #expect(listing.entries.map { String(decoding: $0.data, as: UTF8.self) } == ["first", "decomposed", "composed"])
    }

    @Test func errorsReadAsOneSentenceNamingThePath() {
        #expect(
            ZipError.unsafePath("../x", .parentSegment).description
                == #"refusing ZIP entry path "../x": it has a .. segment, which climbs out of the folder it is unpacked into"#)
        #expect(
            ZipError.unsafePath("a\0b", .controlCharacter(0)).description
                == #"refusing ZIP entry path "a\0b": it holds the control character 0x00"#)
    }
}
