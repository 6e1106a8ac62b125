import Extract
import Foundation
import TabiCore
import Testing

/// Trips that went private or were deleted leave the site; their story is kept aside.
@Suite struct WithdrawalTests {
    @Test func privateAndDeletedTripsAreWithdrawnWithTheirStoryKeptAside() throws {
        let run = try ExtractHarness()
        let db = run.database
        let staying = try db.trip("Staying")
        let hiding = try db.trip("Hiding")
        let going = try db.trip("Going")
        try db.post(hiding)
        try run.extract()
        let story = "---\ntitle: \"Hiding\"\n---\nWhat the writer wrote.\n"
        try Data(story.utf8).write(to: run.contentDirectory.storyFile(of: "hiding"))
        try db.run("UPDATE travels SET visibility = 'private', title = 'PRIVATE-NEW-TITLE' WHERE id = $1", [hiding])
        try db.run("DELETE FROM travels WHERE id = $1", [going])

        let report = try run.extract(changed: true)

        #expect(report.withdrawn.map(\.slug) == ["going", "hiding"])
        #expect(report.withdrawn.map(\.id) == [going, hiding])
        #expect(try run.slugs() == ["staying"])
        #expect(try run.trip(id: staying) != nil)
        let aside = run.content.appendingPathComponent("trips/.withdrawn/hiding")
        #expect(try String(contentsOf: aside.appendingPathComponent("story.md"), encoding: .utf8) == story)
        #expect(!FileManager.default.fileExists(atPath: aside.appendingPathComponent("trip.json").path))
        #expect(!FileManager.default.fileExists(atPath: run.content.appendingPathComponent("trips/hiding").path))
        #expect(!run.everythingWritten().contains("PRIVATE"))
        #expect(run.log.lines.contains { $0.contains("withdrawn hiding (\(hiding))") })
    }

    @Test func aTripThatComesBackGetsItsSlugAndStoryBack() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Back again")
        try run.extract()
        try Data("The story.\n".utf8).write(to: run.contentDirectory.storyFile(of: "back-again"))
        try db.run("UPDATE travels SET visibility = 'private' WHERE id = $1", [trip])
        #expect(try run.extract().withdrawn.map(\.id) == [trip])
        // Meanwhile another trip with the same title must not take the slug.
        let other = try db.trip("Back again", createdAt: "2020-01-01T00:00:00Z")
        try run.extract()
        #expect(try run.trip(id: other)?.slug == "back-again-2")

        try db.run("UPDATE travels SET visibility = 'public' WHERE id = $1", [trip])
        let report = try run.extract()

        #expect(report.restored.map(\.id) == [trip])
        #expect(try run.trip(id: trip)?.slug == "back-again")
        #expect(try String(contentsOf: run.contentDirectory.storyFile(of: "back-again"), encoding: .utf8) == "The story.\n")
        #expect(!FileManager.default.fileExists(atPath: run.content.appendingPathComponent("trips/.withdrawn/back-again").path))
    }

    @Test func aDryRunSaysWhatWouldHappenAndChangesNothing() throws {
        let run = try ExtractHarness()
        let db = run.database
        let leaving = try db.trip("Leaving")
        let edited = try db.trip("Edited")
        try db.post(edited)
        try run.extract()
        let before = run.filesWritten()
        try db.run("UPDATE travels SET visibility = 'private' WHERE id = $1", [leaving])
        try db.run("UPDATE travel_posts SET content = 'New text.' WHERE travel_id = $1", [edited])
        let newcomer = try db.trip("Leaving")

        let plan = try run.extract(changed: true, dryRun: true)

        #expect(plan.dryRun)
        #expect(plan.toRead.map(\.trip.id).sorted() == [edited, newcomer].sorted())
        #expect(plan.toRead.first { $0.trip.id == newcomer }?.trip.slug == "leaving-2")
        #expect(plan.toRead.first { $0.trip.id == newcomer }?.isNew == true)
        #expect(plan.toRead.first { $0.trip.id == edited }?.isNew == false)
        #expect(plan.withdrawn.map(\.id) == [leaving])
        #expect(plan.written.isEmpty)
        #expect(run.filesWritten() == before)  // not a file, not a byte changed

        let real = try run.extract(changed: true)
        #expect(Set(real.written.map(\.id)) == [edited, newcomer] && real.withdrawn.map(\.id) == [leaving])
    }

    @Test func withTripOnlyTheNamedTripsAreConsidered() throws {
        let run = try ExtractHarness()
        let db = run.database
        let named = try db.trip("Named")
        let other = try db.trip("Other")
        try run.extract()
        try db.run("UPDATE travels SET visibility = 'private'")
        let unknown = UUID().uuidString.lowercased()

        let report = try run.extract(trips: [other, unknown])

        #expect(report.withdrawn.map(\.id) == [other])
        #expect(report.notFound == [unknown])
        #expect(try run.trip(id: named) != nil)  // not named, so not withdrawn in this run
        #expect(try run.trip(id: other) == nil)
    }

    @Test func tripSelectsWhatIsExtracted() throws {
        let run = try ExtractHarness()
        let db = run.database
        let wanted = try db.trip("Wanted")
        try db.post(wanted)
        try db.trip("Not asked for")

        let report = try run.extract(trips: [wanted.uppercased()].map { $0.lowercased() })

        #expect(try run.slugs() == ["wanted"])
        #expect(report.written.map(\.id) == [wanted] && report.posts == 1)
    }

    @Test func aRunThatWouldWithdrawMoreThanTheLimitChangesNothing() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trips = try (1...3).map { try db.trip("Trip \($0)") }
        try db.post(trips[0])
        try run.extract()
        let before = run.filesWritten()
        // The wrong database, or one being restored: every trip gone, and a new one.
        try db.run("UPDATE travels SET visibility = 'private'")
        let newcomer = try db.trip("Newcomer")

        #expect(throws: ExtractError.self) { try run.extract(maxWithdrawals: 2) }
        do {
            try run.extract(maxWithdrawals: 2)
        } catch let error as ExtractError {
            #expect(error.exitCode == 2)
            #expect(error.description.contains("no longer has 3 of the trips") && error.description.contains("--max-withdrawals 2"))
        }
        #expect(run.filesWritten() == before)  // not withdrawn, and the newcomer not written either
        #expect(try run.trip(id: newcomer) == nil)

        // A dry run still says what would happen; a raised limit lets it happen.
        #expect(try run.extract(dryRun: true, maxWithdrawals: 2).withdrawn.count == 3)
        let report = try run.extract(maxWithdrawals: 3)
        #expect(Set(report.withdrawn.map(\.id)) == Set(trips))
        #expect(try run.slugs() == ["newcomer"])
    }
}
