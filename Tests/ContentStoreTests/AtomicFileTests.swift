import ContentStore
import Foundation
import Testing

/// `AtomicFile`: temporary files say who wrote them, so a later run removes what a killed one left
/// and never what a live one is still writing; links are never written through.
@Suite struct AtomicFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func host() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, 255)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return String(
            name.unicodeScalars.filter { $0 == "-" || ($0.isASCII && CharacterSet.alphanumerics.contains($0)) }.map(Character.init))
    }

    func touch(_ name: String, age: TimeInterval = 0) throws -> String {
        let path = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        let date = Date().addingTimeInterval(-age)
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
        return name
    }

    /// A process id that is certainly not running: a child that has exited and been reaped.
    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aWriteLandsWholeMakesItsFolderAndLeavesNoTemporaryFile() throws {
        let target = folder.appendingPathComponent("trips/kyoto/trip.json")
        #expect(try AtomicFile.write(Data("first".utf8), to: target) == .written)
        #expect(FileManager.default.contents(atPath: target.path) == Data("first".utf8))
        #expect(try AtomicFile.write(Data("second, longer".utf8), to: target) == .written)
        #expect(FileManager.default.contents(atPath: target.path) == Data("second, longer".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        #expect(left == ["trip.json"], "no .tabi-tmp- file is left beside it")
    }

    /// `isNew` skips the comparison, not the safety: the folder is made (its parents too), and a
    /// file that is there after all (the same bytes, or a link) is replaced, never written through.
    @Test func aWriteKnownNewMakesItsFoldersAndReplacesWhatIsThereAfterAll() throws {
        let target = folder.appendingPathComponent("trips/new/kyoto/trip.json")
        let write = { (text: String) throws -> AtomicFile.Outcome in
            try Data(text.utf8).withUnsafeBytes { try AtomicFile.write(bytes: $0, to: target, isNew: true) }
        }
        #expect(try write("first") == .written)
        #expect(FileManager.default.contents(atPath: target.path) == Data("first".utf8))
        #expect(try write("first") == .written, "not compared: written again")
        let elsewhere = folder.appendingPathComponent("elsewhere.json")
        try Data("keep".utf8).write(to: elsewhere)
        try FileManager.default.removeItem(at: target)
        try FileManager.default.createSymbolicLink(at: target, withDestinationURL: elsewhere)
        #expect(try write("second") == .written)
        #expect(FileManager.default.contents(atPath: elsewhere.path) == Data("keep".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.type] as? FileAttributeType == .typeRegular)
        #expect(FileManager.default.contents(atPath: target.path) == Data("second".utf8))
        let left = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        #expect(left == ["trip.json"])
    }

    @Test func theSameBytesLeaveTheFileAsItWas() throws {
        let target = folder.appendingPathComponent("story.md")
        #expect(try AtomicFile.write("# Kyoto\n", to: target) == .written)
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: target.path)
        let inode = try FileManager.default.attributesOfItem(atPath: target.path)[.systemFileNumber] as? Int
        #expect(try AtomicFile.write("# Kyoto\n", to: target) == .unchanged)
        let after = try FileManager.default.attributesOfItem(atPath: target.path)
        #expect(after[.modificationDate] as? Date == old, "an unchanged file keeps its time, so build and rsync skip it")
        #expect(after[.systemFileNumber] as? Int == inode, "and is not replaced")
    }

    @Test func aKilledWritersLeftoverGoesAndALiveWritersStays() throws {
        let dead = try touch(".tabi-tmp-\(host()).\(try deadPid()).abcd1234-story.md")
        let live = try touch(".tabi-tmp-\(host()).\(getpid()).abcd1234-trip.json")
        let removed = AtomicFile.removeStaleTemporaryFiles(in: folder)
        #expect(removed == [dead])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(live).path))
    }

    @Test func anotherHostsLeftoverGoesOnlyOnceOld() throws {
        let young = try touch(".tabi-tmp-otherhost.12.abcd1234-story.md", age: 60)
        let old = try touch(".tabi-tmp-otherhost.13.abcd1234-story.md", age: 7200)
        let legacy = try touch(".tabi-tmp-1234-index.html", age: 7200)
        let ordinary = try touch("story.md", age: 7200)
        #expect(AtomicFile.removeStaleTemporaryFiles(in: folder) == [legacy, old].sorted())
        for kept in [young, ordinary] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(kept).path))
        }
    }

    @Test func aWriteNamesItsTemporaryFileAfterThisProcess() throws {
        // Observed from the folder while a large write is renamed into place: the only trace is
        // the target itself afterwards, and the target holds the new bytes.
        let target = folder.appendingPathComponent("trip.json")
        #expect(try AtomicFile.write(Data("new".utf8), to: target, durability: .synced) == .written)
        #expect(try Data(contentsOf: target) == Data("new".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["trip.json"])
        #expect(try AtomicFile.write(Data("new".utf8), to: target) == .unchanged)
    }

    @Test func aLinkAtTheTargetIsReplacedNotWrittenThrough() throws {
        let outside = folder.appendingPathComponent("outside.txt")
        try Data("keep".utf8).write(to: outside)
        let target = folder.appendingPathComponent("index.html")
        try FileManager.default.createSymbolicLink(at: target, withDestinationURL: outside)
        #expect(try AtomicFile.write(Data("page".utf8), to: target) == .written)
        #expect(try Data(contentsOf: outside) == Data("keep".utf8))
        #expect(ConfinedFolder(folder).kind(of: "index.html") == .file(size: 4))

        // Even a link to the very same bytes is replaced by a file.
        let same = folder.appendingPathComponent("same.html")
        try FileManager.default.createSymbolicLink(at: same, withDestinationURL: outside)
        #expect(try AtomicFile.write(Data("keep".utf8), to: same) == .written)
        #expect(ConfinedFolder(folder).kind(of: "same.html") == .file(size: 4))
    }

    @Test func aFIFOAtTheTargetIsReplacedWithoutWaitingForAWriter() throws {
        let target = folder.appendingPathComponent("media.jpg")
        #expect(mkfifo(target.path, 0o600) == 0)
        // Opened plainly, a FIFO nobody writes to would block this write forever.
        #expect(try AtomicFile.write(Data("jpeg".utf8), to: target) == .written)
        #expect(ConfinedFolder(folder).kind(of: "media.jpg") == .file(size: 4))
    }
}
