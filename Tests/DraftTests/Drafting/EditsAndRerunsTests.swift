import AWS
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// What a second run does: nothing unchanged is sent again, and a writer's edit is never lost.
@Suite struct EditsAndRerunsTests {
    @Test func aSecondRunMakesNoCall() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture(["one", "two", "three"].map { TripMaker.trip($0) })
        let narrator = try standin.narrator("invoke")
        let first = try await fixture.draft(with: narrator)
        #expect(first.drafted == 3)
        let stories = ["one", "two", "three"].map { fixture.story($0) }
        let second = try await fixture.draft(with: narrator)
        #expect(second.skipped == 3 && second.calls == 0)
        #expect(second.outcomes.allSatisfy { $0.result == .skipped(.unchanged) })
        #expect(try standin.requests().count == 3)
        #expect(["one", "two", "three"].map { fixture.story($0) } == stories)
        // --force sends them anyway (the stand-in's answer is the same, so the files stay the same).
        let forced = try await fixture.draft(with: narrator, force: true)
        #expect(forced.drafted == 3 && forced.calls == 3)
        #expect(forced.outcomes.allSatisfy { $0.result == .drafted(.forced) })
        #expect(try standin.requests().count == 6)
    }

    @Test func aChangedTripOrModelIsSentAgain() async throws {
        let standin = try ModelStandin()
        var trip = TripMaker.trip("changing")
        let fixture = try ContentFixture([trip, TripMaker.trip("steady")])
        _ = try await fixture.draft(with: try standin.narrator("invoke"))
        trip.posts[0].content = "A new paragraph the traveller added."
        try fixture.add(trip)
        let report = try await fixture.draft(with: try standin.narrator("invoke"))
        #expect(report.outcomes.map(\.result) == [.drafted(.inputsChanged), .skipped(.unchanged)])
        #expect(try standin.requests().last!.prompt!.contains("A new paragraph the traveller added."))
        // Another API is another narrator: both trips go again.
        let converse = try await fixture.draft(with: try standin.narrator("converse"))
        #expect(converse.drafted == 2)
    }

    @Test func aWritersEditIsKeptAndTheNewDraftGoesBesideIt() async throws {
        let standin = try ModelStandin()
        var trip = TripMaker.trip("edited")
        let fixture = try ContentFixture([trip])
        let narrator = try standin.narrator("openai")
        _ = try await fixture.draft(with: narrator)
        let edit = Data("---\ntitle: \"My own title\"\ndraft: false\nseries: autumn\n---\nI rewrote this by hand.\n".utf8)
        try edit.write(to: fixture.content.storyFile(of: trip.slug))

        // Same inputs: nothing to do, and the edit stays.
        let unchanged = try await fixture.draft(with: narrator)
        #expect(unchanged.outcomes.map(\.result) == [.skipped(.edited)])
        #expect(unchanged.calls == 0)

        // New facts: the draft goes to story.draft.md; story.md is untouched byte for byte.
        trip.title = "Edited, renamed"
        try fixture.add(trip)
        let kept = try await fixture.draft(with: narrator)
        #expect(kept.outcomes.map(\.result) == [.kept(.edited)])
        #expect(fixture.story(trip.slug) == edit)
        let draft = try #require(fixture.draftFile(trip.slug))
        #expect(try Story(parsing: String(decoding: draft, as: UTF8.self)).frontMatter.title == "Edited, renamed (stand-in)")
        let record = try #require(fixture.record(trip.slug))
        #expect(record.draftSHA256 == ContentHash.sha256(draft))
        #expect(record.storySHA256 != ContentHash.sha256(edit))

        // Nothing changed since: no call, nothing written.
        let again = try await fixture.draft(with: narrator)
        #expect(again.outcomes.map(\.result) == [.skipped(.edited)])
        #expect(again.calls == 0)
        #expect(fixture.story(trip.slug) == edit)

        // --force still never overwrites the edit.
        let forced = try await fixture.draft(with: narrator, force: true)
        #expect(forced.outcomes.map(\.result) == [.kept(.edited)])
        #expect(fixture.story(trip.slug) == edit)

        // --overwrite-edits does.
        let overwritten = try await fixture.draft(with: narrator, overwriteEdits: true)
        #expect(overwritten.outcomes.map(\.result) == [.drafted(.overwritingEdit)])
        let story = try #require(fixture.story(trip.slug))
        #expect(story != edit)
        #expect(fixture.record(trip.slug)?.storySHA256 == ContentHash.sha256(story))
        let after = try await fixture.draft(with: narrator)
        #expect(after.outcomes.map(\.result) == [.skipped(.unchanged)])
    }

    @Test func aHandWrittenStoryWithoutARecordIsAWriters() async throws {
        let fixture = try ContentFixture([TripMaker.trip("by-hand")])
        let text = Data("---\ntitle: \"Written by hand\"\n---\nEvery word mine.\n".utf8)
        try text.write(to: fixture.content.storyFile(of: "by-hand"))
        let report = try await fixture.draft(with: OfflineNarrator())
        #expect(report.outcomes.map(\.result) == [.kept(.edited)])
        #expect(fixture.story("by-hand") == text)
        #expect(fixture.draftFile("by-hand") != nil)
        #expect(fixture.record("by-hand")?.storySHA256 == nil)
    }

    @Test func aDryRunCallsNothingAndWritesNothing() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("dry"), TripMaker.trip("dry-long", posts: 200, textLength: 300)])
        var settings = NarratorSettings.defaults
        settings.chunkCharacters = 20_000
        let before = try FolderFiles.contents(under: fixture.root)
        let report = try await fixture.draft(with: try standin.narrator("invoke"), settings: settings, dryRun: true)
        #expect(report.calls == 0)
        #expect(try standin.requests().isEmpty)
        #expect(try FolderFiles.contents(under: fixture.root) == before)
        #expect(
            report.outcomes.map(\.line) == [
                "dry: would write story.md (no story.md yet) in 1 call",
                "dry-long: would write story.md (no story.md yet) in \(report.outcomes[1].callsPlanned) calls",
            ])
        #expect(report.outcomes[1].callsPlanned > 3)
    }
}

extension TripOutcome {
    /// The calls a dry run planned.
    var callsPlanned: Int {
        if case .planned(_, _, let calls) = result { return calls }
        return 0
    }
}
