import ContentStore
import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Extract

/// Reading `Content/` before a run, without a database: ids, slugs and stamps of what is there.
@Suite struct ContentInventoryTests {
    private func trip(_ id: String, _ slug: String, fingerprint: String? = "f-\(UUID())") -> Trip {
        Trip(
            id: id, slug: slug, title: "T \"quoted\" \n \"id\" : \"fake\"",
            destinations: [Destination(id: "nested-destination", name: "N")],
            posts: [Post(id: "nested-post", timestamp: Timestamp("2024-01-01T00:00:00Z")!, content: "\n  \"slug\" : \"x\"")],
            source: fingerprint.map { SourceStamp(updatedAt: nil, fingerprint: $0) })
    }

    @Test func filesAsWrittenAndFilesReformattedByHandReadTheSame() throws {
        let folder = TemporaryFolder("tabi-inventory")
        let content = ContentDirectory(root: folder.url)
        let written = trip("id-written", "written")
        try content.write(written)
        let edited = trip("id-edited", "edited")
        // A person re-saved this one in another layout: the slow, exact path reads it.
        let compact = try JSONEncoder().encode(edited)
        try FileManager.default.createDirectory(at: content.folder(of: "edited"), withIntermediateDirectories: true)
        try compact.write(to: content.tripFile(of: "edited"))
        let bare = trip("id-bare", "bare", fingerprint: nil)
        try content.write(bare)

        let inventory = try ContentInventory.scan(content)

        #expect(inventory.trips["id-written"] == .init(id: "id-written", slug: "written", fingerprint: written.source?.fingerprint))
        #expect(inventory.trips["id-edited"] == .init(id: "id-edited", slug: "edited", fingerprint: edited.source?.fingerprint))
        #expect(inventory.trips["id-bare"] == .init(id: "id-bare", slug: "bare", fingerprint: nil))
        #expect(inventory.problems.isEmpty)
    }

    @Test func unreadableFilesAndDuplicatesAreReportedAndTheirNamesStayTaken() throws {
        let folder = TemporaryFolder("tabi-inventory")
        let content = ContentDirectory(root: folder.url)
        try content.write(trip("same-id", "first"))
        var copy = trip("same-id", "second")
        copy.slug = "second"
        try content.write(copy)
        try FileManager.default.createDirectory(at: content.folder(of: "broken"), withIntermediateDirectories: true)
        try Data("{ not json".utf8).write(to: content.tripFile(of: "broken"))
        try FileManager.default.createDirectory(at: content.folder(of: "story-only"), withIntermediateDirectories: true)
        let aside = folder.url.appendingPathComponent("trips/.withdrawn/gone")
        try FileManager.default.createDirectory(at: aside, withIntermediateDirectories: true)
        try Data(#"{"id":"gone-id","slug":"gone"}"#.utf8).write(to: aside.appendingPathComponent("withdrawn.json"))

        let inventory = try ContentInventory.scan(content)

        #expect(inventory.trips["same-id"]?.slug == "first")
        #expect(inventory.withdrawn == ["gone-id": "gone"])
        #expect(inventory.takenSlugs == ["first", "second", "broken", "story-only", "gone"])
        #expect(inventory.problems.count == 2)
        #expect(inventory.problems.allSatisfy { $0.severity == .error })
        #expect(inventory.problems.contains { $0.description.contains("broken/trip.json") && $0.description.contains("not valid JSON") })
        #expect(inventory.problems.contains { $0.description.contains("also in trips/first/") })
    }
}
