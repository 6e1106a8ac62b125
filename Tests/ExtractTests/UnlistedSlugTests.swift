import ContentStore
import Extract
import Foundation
import TabiCore
import Testing

/// An unlisted trip's URL cannot be found from its title: its slug ends with a token of its id.
/// A trip that becomes unlisted moves to such a slug (its story with it); the token is stable.
@Suite struct UnlistedSlugTests {
    @Test func aNewUnlistedTripsSlugEndsWithItsToken() throws {
        let run = try ExtractHarness()
        let hidden = try run.database.trip("Secret Garden", visibility: "unlisted")
        let open = try run.database.trip("Open Garden")
        try run.extract()
        let token = Slug.unlistedToken(forTripID: hidden)
        #expect(token.utf8.count == 12 && token.allSatisfy { $0.isLowercase || ("2"..."7").contains($0) })
        #expect(try run.trip(id: hidden)?.slug == "secret-garden-\(token)")
        #expect(try run.trip(id: open)?.slug == "open-garden")
        // The token depends on the id only: another id, another token; the same id, the same one.
        #expect(Slug.unlistedToken(forTripID: hidden) == Slug.unlistedToken(forTripID: hidden.uppercased()))
        #expect(Slug.unlistedToken(forTripID: open) != token)
    }

    @Test func twoUnlistedTripsWithOneTitleStayApartAndKeepTheirTokensLast() throws {
        let run = try ExtractHarness()
        let first = try run.database.trip("Cabin", visibility: "unlisted", createdAt: "2024-01-01T00:00:00Z")
        let second = try run.database.trip("Cabin", visibility: "unlisted", createdAt: "2024-02-01T00:00:00Z")
        try run.extract()
        let slugs = [try run.trip(id: first)?.slug, try run.trip(id: second)?.slug]
        #expect(slugs == ["cabin-\(Slug.unlistedToken(forTripID: first))", "cabin-\(Slug.unlistedToken(forTripID: second))"])
    }

    @Test func aPublicTripMadeUnlistedMovesToATokenedSlugWithItsStory() throws {
        let run = try ExtractHarness()
        let trip = try run.database.trip("Lake House")
        try run.extract()
        let story = "---\ntitle: \"Lake House\"\n---\nThe writer's words.\n"
        try Data(story.utf8).write(to: run.contentDirectory.storyFile(of: "lake-house"))
        try run.database.run("UPDATE travels SET visibility = 'unlisted' WHERE id = $1", [trip])

        let dry = try run.extract(dryRun: true)
        let slug = "lake-house-\(Slug.unlistedToken(forTripID: trip))"
        #expect(dry.toRename == [.init(id: trip, slug: slug, from: "lake-house")])
        #expect(try run.slugs() == ["lake-house"])

        let report = try run.extract(changed: true)
        #expect(report.renamed == [.init(id: trip, slug: slug, from: "lake-house")])
        #expect(try run.slugs() == [slug])
        #expect(try run.trip(slug).visibility == .unlisted)
        #expect(try String(contentsOf: run.contentDirectory.storyFile(of: slug), encoding: .utf8) == story)
        #expect(!FileManager.default.fileExists(atPath: run.content.appendingPathComponent("trips/lake-house").path))

        // Stable: nothing moves again, and going public keeps the slug (it is a URL now).
        #expect(try run.extract().renamed.isEmpty)
        try run.database.run("UPDATE travels SET visibility = 'public' WHERE id = $1", [trip])
        #expect(try run.extract().renamed.isEmpty)
        #expect(try run.slugs() == [slug])
    }

    @Test func aWithdrawnPublicTripThatReturnsUnlistedComesBackUnderItsToken() throws {
        let run = try ExtractHarness()
        let trip = try run.database.trip("Boathouse")
        try run.extract()
        try Data("Kept.\n".utf8).write(to: run.contentDirectory.storyFile(of: "boathouse"))
        try run.database.run("UPDATE travels SET visibility = 'private' WHERE id = $1", [trip])
        try run.extract()
        try run.database.run("UPDATE travels SET visibility = 'unlisted' WHERE id = $1", [trip])
        let report = try run.extract()
        let slug = "boathouse-\(Slug.unlistedToken(forTripID: trip))"
        #expect(report.restored.map(\.slug) == [slug])
        #expect(try String(contentsOf: run.contentDirectory.storyFile(of: slug), encoding: .utf8) == "Kept.\n")
        #expect(!FileManager.default.fileExists(atPath: run.content.appendingPathComponent("trips/.withdrawn/boathouse").path))
    }
}

/// A run killed in the middle of a withdrawal, or while writing a trip, leaves nothing the next
/// run cannot finish: the record is written before anything moves, and temporary files are swept.
@Suite struct InterruptedExtractTests {
    @Test func aWithdrawalStoppedAfterDeletingTripJSONIsFinishedAndTheTripCanComeBack() throws {
        let run = try ExtractHarness()
        let trip = try run.database.trip("Halfway")
        try run.extract()
        try Data("The story.\n".utf8).write(to: run.contentDirectory.storyFile(of: "halfway"))
        // What a run killed between deleting trip.json and moving the folder aside leaves.
        let folder = run.content.appendingPathComponent("trips/halfway")
        try Data(#"{"id":"\#(trip)","slug":"halfway"}"#.utf8).write(to: folder.appendingPathComponent("withdrawn.json"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("trip.json"))
        try run.database.run("UPDATE travels SET visibility = 'private' WHERE id = $1", [trip])

        try run.extract()
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(FileManager.default.fileExists(atPath: run.content.appendingPathComponent("trips/.withdrawn/halfway/story.md").path))

        try run.database.run("UPDATE travels SET visibility = 'public' WHERE id = $1", [trip])
        let report = try run.extract()
        #expect(report.restored.map(\.slug) == ["halfway"])
        #expect(try String(contentsOf: run.contentDirectory.storyFile(of: "halfway"), encoding: .utf8) == "The story.\n")
    }

    @Test func aKilledWritersTemporaryFilesAreSweptWhenItsTripIsWrittenAgain() throws {
        let run = try ExtractHarness()
        try run.database.trip("Leftovers")
        try run.extract()
        let folder = run.content.appendingPathComponent("trips/leftovers")
        let stale = folder.appendingPathComponent(".tabi-tmp-otherhost.99.abcd1234-trip.json")
        try Data("half".utf8).write(to: stale)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale.path)
        try run.extract()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["trip.json"])
    }
}
