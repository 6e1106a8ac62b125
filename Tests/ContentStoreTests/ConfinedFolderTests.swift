import ContentStore
import Foundation
import Testing

/// `ConfinedFolder`: links inside the folder are never followed, at any depth; the root may be one.
@Suite struct ConfinedFolderTests {
    let base: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("confined-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: base.appendingPathComponent("root/trips/kyoto"), withIntermediateDirectories: true)
        try fm.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("story".utf8).write(to: base.appendingPathComponent("root/trips/kyoto/story.md"))
        try Data("SECRET=1".utf8).write(to: base.appendingPathComponent("outside/credentials"))
    }

    var root: URL { base.appendingPathComponent("root") }

    func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent(path).path,
            withDestinationPath: target)
    }

    @Test func readsARegularFile() throws {
        #expect(try ConfinedFolder(root).read("trips/kyoto/story.md") == Data("story".utf8))
    }

    /// Found by fuzz-paths: split by `Character`, `../\u{301}x` is one name (`/` and the mark are one
    /// `Character`), but the kernel reads `..` then `\u{301}x`, a file beside the root.
    @Test func aSeparatorGluedToAMarkDoesNotClimbOut() throws {
        try Data("SECRET=2".utf8).write(to: base.appendingPathComponent("\u{301}credentials"))
        for path in ["../\u{301}credentials", "trips/../../\u{301}credentials", "/\u{301}etc/passwd", "a/./\u{301}b"] {
            #expect(!ConfinedFolder.isConfined(path), "\(path)")
            #expect(throws: ConfinedFileError(path: root.path + "/" + path, problem: .outsideTheFolder)) {
                try ConfinedFolder(root).read(path)
            }
        }
        #expect(ConfinedFolder.isConfined("a/..\u{301}/\u{301}."))  // names that only look like dots
        #expect(ConfinedFolder.components(of: "trips/\u{301}kyoto") == ["trips", "\u{301}kyoto"])
    }

    @Test func aLinkedFileIsRefusedWhereverItPoints() throws {
        try link("trips/kyoto/environ", to: "/proc/self/environ")
        try link("trips/kyoto/creds", to: base.appendingPathComponent("outside/credentials").path)
        try link("trips/kyoto/inside", to: "story.md")  // even a link that stays inside
        for name in ["environ", "creds", "inside"] {
            #expect(throws: ConfinedFileError(path: root.path + "/trips/kyoto/\(name)", problem: .symbolicLink)) {
                try ConfinedFolder(root).read("trips/kyoto/\(name)")
            }
        }
    }

    @Test func aLinkedFolderOnTheWayIsRefused() throws {
        try link("trips/elsewhere", to: base.appendingPathComponent("outside").path)
        #expect(throws: ConfinedFileError(path: root.path + "/trips/elsewhere", problem: .symbolicLink)) {
            try ConfinedFolder(root).read("trips/elsewhere/credentials")
        }
        #expect(ConfinedFolder(root).kind(of: "trips/elsewhere") == .link)
        #expect(ConfinedFolder(root).kind(of: "trips/elsewhere/credentials") == .missing)
    }

    @Test func theRootItselfMayBeALink() throws {
        let mounted = base.appendingPathComponent("mounted")
        try FileManager.default.createSymbolicLink(at: mounted, withDestinationURL: root)
        #expect(try ConfinedFolder(mounted).read("trips/kyoto/story.md") == Data("story".utf8))
    }

    @Test func pathsThatClimbOutAreRefusedBeforeAnyCall() {
        for path in ["../outside/credentials", "/etc/passwd", "trips//kyoto", "trips/./kyoto/story.md", "", "a\0b"] {
            #expect(throws: ConfinedFileError.self) { try ConfinedFolder(root).read(path) }
        }
    }

    @Test func aFIFOIsNeverOpenedForReading() throws {
        let fifo = root.appendingPathComponent("trips/kyoto/pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(throws: ConfinedFileError(path: fifo, problem: .notARegularFile)) {
            try ConfinedFolder(root).read("trips/kyoto/pipe")
        }
    }

    @Test func aFileOverTheLimitIsNotRead() throws {
        #expect(throws: ConfinedFileError(path: root.path + "/trips/kyoto/story.md", problem: .tooLarge(limit: 4))) {
            try ConfinedFolder(root).read("trips/kyoto/story.md", maxBytes: 4)
        }
        #expect(try ConfinedFolder(root).read("trips/kyoto/story.md", maxBytes: 5).count == 5)
    }

    @Test func aWalkListsFilesAndReportsLinksWithoutEnteringThem() throws {
        try link("trips/elsewhere", to: base.appendingPathComponent("outside").path)
        try link("trips/kyoto/environ", to: "/proc/self/environ")
        try Data().write(to: root.appendingPathComponent("trips/.hidden"))
        let walked = try ConfinedFolder(root).walk()
        #expect(walked.files == ["trips/kyoto/story.md"])
        #expect(walked.refused == ["trips/elsewhere", "trips/kyoto/environ"])
    }
}
