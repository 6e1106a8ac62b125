import ContentStore
import Draft
import Foundation
import TabiCore
import TestSupport
import Testing

/// What `draft` reads and writes in a trip's folder: never through a symbolic link, leftovers of
/// a killed run swept, and a write a killed run left half done settled by the next run.
@Suite struct TripFolderTests {
    // MARK: - Links

    /// Each case makes one name of the trip's folder (or the folder itself) a link to a file or
    /// folder outside `Content/`, a writer's checkout, say.
    @Test(arguments: ["story.md", "trip.json", "story.source.json", "story.draft.md", "the trip's folder"])
    func aLinkIsNeverReadOrWrittenThroughAndItsTripFailsNamingIt(linked: String) async throws {
        let fixture = try ContentFixture([TripMaker.trip("linked"), TripMaker.trip("plain")])
        let folder = fixture.content.folder(of: "linked")
        let outside = fixture.folder("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let checkout = Data("---\ntitle: \"A writer's checkout\"\n---\nOUTSIDE-TEXT\n".utf8)
        var named = folder.appendingPathComponent(linked).path
        switch linked {
        case "story.md":
            try checkout.write(to: outside.appendingPathComponent("story.md"))
            try link(folder.appendingPathComponent("story.md"), to: outside.appendingPathComponent("story.md"))
        case "trip.json":
            try FileManager.default.moveItem(
                at: folder.appendingPathComponent("trip.json"), to: outside.appendingPathComponent("trip.json"))
            try link(folder.appendingPathComponent("trip.json"), to: outside.appendingPathComponent("trip.json"))
        case "story.source.json":
            _ = try await fixture.draft(with: OfflineNarrator(), trips: ["linked"])
            try FileManager.default.moveItem(
                at: folder.appendingPathComponent("story.source.json"),
                to: outside.appendingPathComponent("story.source.json"))
            try link(folder.appendingPathComponent("story.source.json"), to: outside.appendingPathComponent("story.source.json"))
        case "story.draft.md":
            // A writer's story.md sends the draft to story.draft.md, which is a link.
            try fixture.writeStory("linked", "---\ntitle: \"By hand\"\n---\nMine.\n")
            try checkout.write(to: outside.appendingPathComponent("story.draft.md"))
            try link(folder.appendingPathComponent("story.draft.md"), to: outside.appendingPathComponent("story.draft.md"))
        default:
            try FileManager.default.removeItem(at: outside)
            try FileManager.default.moveItem(at: folder, to: outside)
            try link(folder, to: outside)
            named = folder.path
        }
        let before = try FolderFiles.contents(under: outside)

        // --force and --overwrite-edits change nothing (but --overwrite-edits sends a draft to
        // story.md instead of story.draft.md, which then is not in the way).
        for (force, overwrite) in [(false, false), (true, linked != "story.draft.md")] {
            let report = try await fixture.draft(with: OfflineNarrator(), force: force, overwriteEdits: overwrite)
            // A link in place of the folder or trip.json is found while listing the trips (a content
            // error: "file: reason"); the others while reading the trip.
            let separator = linked == "trip.json" || linked == "the trip's folder" ? ":" : ""
            #expect(
                report.failures.map(\.line) == [
                    "linked: failed: \(named)\(separator) is a symbolic link (links inside the folder are never followed)"
                ])
            #expect(report.outcomes.first { $0.slug == "plain" }?.isFailure == false)
        }
        // Nothing outside was read into a story or written: the link and its target are as they were.
        #expect(try FolderFiles.contents(under: outside) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: linked == "the trip's folder" ? folder.path : named) != "")
        #expect(!(fixture.storyText("plain") ?? "").contains("OUTSIDE-TEXT"))
    }

    private func link(_ link: URL, to target: URL) throws {
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    }

    // MARK: - Temporary files

    @Test func temporaryFilesOfAKilledRunAreRemovedAndOthersKept() async throws {
        let fixture = try ContentFixture([TripMaker.trip("swept")])
        let folder = fixture.content.folder(of: "swept")
        let dead = try Self.finishedProcessID()
        let names = [
            "killed": ".tabi-tmp-\(Self.host).\(dead).AB12CD34-story.md",  // this host, process gone
            "old": ".tabi-tmp-elsewhere.4242.EF56AB78-story.source.json",  // another host's, two hours old
            "running": ".tabi-tmp-elsewhere.4243.0A1B2C3D-story.md",  // another host's, fresh: may still be writing
        ]
        for name in names.values { try Data("partial".utf8).write(to: folder.appendingPathComponent(name)) }
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: -7200)],
            ofItemAtPath: folder.appendingPathComponent(names["old"]!).path)

        // A dry run writes nothing, and removes nothing either.
        _ = try await fixture.draft(with: OfflineNarrator(), dryRun: true)
        #expect(Set(try Self.temporaryFiles(in: folder)) == Set(names.values))

        let report = try await fixture.draft(with: OfflineNarrator())
        #expect(report.drafted == 1)
        #expect(try Self.temporaryFiles(in: folder) == [names["running"]!])
    }

    /// `AtomicFile`'s host field: the host name's letters, digits and dashes.
    static var host: String {
        var buffer = [CChar](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).unicodeScalars.filter {
            $0.isASCII && ($0 == "-" || CharacterSet.alphanumerics.contains($0))
        }
        return String(String.UnicodeScalarView(name.prefix(64)))
    }

    /// The id of a process that has ended (so no temporary file of it can still be in use).
    static func finishedProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    static func temporaryFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }.sorted()
    }

    // MARK: - A run killed between its writes

    /// A draft is written as: the record with the write pending, the story, the record done. A run
    /// killed after the first write left the pending write; the next one settles it from the file.
    @Test(arguments: [DraftTarget.story, .storyDraft])
    func aWriteAKilledRunLeftPendingIsTakenWhenItLandedAndDoneAgainWhenNot(target: DraftTarget) async throws {
        var trip = TripMaker.trip("killed")
        let fixture = try ContentFixture([trip])
        let narrator = OfflineNarrator()
        let slug = trip.slug
        let storyFile = fixture.content.storyFile(of: slug), draftFile = fixture.content.proposalFile(of: slug)
        let recordFile = fixture.content.generationRecordFile(of: slug)
        if target == .storyDraft { try fixture.writeStory(slug, "---\ntitle: \"By hand\"\n---\nMine.\n") }
        _ = try await fixture.draft(with: narrator)
        let before = try #require(fixture.record(slug))
        let oldFile = FileManager.default.contents(atPath: (target == .story ? storyFile : draftFile).path)

        // The complete second draft, to know its bytes and record.
        trip.title = "Killed, renamed"
        try fixture.add(trip)
        let finished = try await fixture.draft(with: narrator)
        #expect(finished.outcomes.map(\.result) == [target == .story ? .drafted(.inputsChanged) : .kept(.edited)])
        let after = try #require(fixture.record(slug))
        let newFile = try #require(FileManager.default.contents(atPath: (target == .story ? storyFile : draftFile).path))
        let pending = GenerationRecord.writing(
            ContentHash.sha256(newFile), to: target, inputHash: after.inputHash,
            narrator: narrator.identity.kind, model: narrator.identity.model, previous: before)
        #expect(pending.pending != nil)

        // Killed after the file's rename, before the record's second write: the draft landed.
        try pending.encoded().write(to: recordFile)
        let landed = try await fixture.draft(with: narrator)
        #expect(landed.outcomes.map(\.result) == [.skipped(target == .story ? .unchanged : .edited)])
        #expect(landed.calls == 0)
        #expect(FileManager.default.contents(atPath: recordFile.path) == after.encoded())

        // Killed before the rename: the file still holds the first draft, which is done again.
        try pending.encoded().write(to: recordFile)
        try oldFile?.write(to: target == .story ? storyFile : draftFile)
        let redone = try await fixture.draft(with: narrator)
        #expect(redone.outcomes.map(\.result) == [target == .story ? .drafted(.inputsChanged) : .kept(.edited)])
        #expect(FileManager.default.contents(atPath: recordFile.path) == after.encoded())
        #expect(FileManager.default.contents(atPath: (target == .story ? storyFile : draftFile).path) == newFile)
    }
}
