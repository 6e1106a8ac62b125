import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// Edits are sacred even while a model is answering: `draft` decides from the files before the
/// call, so it looks at `story.md` again before writing. The stand-in holds the answer
/// (`standin:hold`) until the test has saved its edit.
@Suite struct EditDuringCallTests {
    @Test func aStoryWrittenWhileTheModelIsAnsweringIsKeptAndTheDraftGoesBesideIt() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("held", title: "Held standin:hold"), TripMaker.trip("free")])
        let narrator = try standin.narrator("invoke")
        async let running = fixture.draft(with: narrator)
        try await standin.waitUntilHeld()
        let edit = Data("---\ntitle: \"Mine\"\n---\nWritten by hand while the model was answering.\n".utf8)
        try edit.write(to: fixture.content.storyFile(of: "held"))
        try await standin.release()
        let report = try await running

        #expect(report.outcomes.map(\.result) == [.drafted(.noStory), .kept(.editedDuringCall)])
        #expect(
            report.outcomes[1].line
                == "held: story.md changed while the model was answering, so it is kept; the new draft is in story.draft.md")
        #expect(fixture.story("held") == edit)
        let draft = try #require(fixture.draftFile("held"))
        #expect(try Story(parsing: String(decoding: draft, as: UTF8.self)).frontMatter.title == "Held standin:hold (stand-in)")
        // The record says the draft went beside the story, and knows no story.md of its own.
        let record = try #require(fixture.record("held"))
        #expect(record.draftSHA256 == ContentHash.sha256(draft) && record.storySHA256 == nil && record.pending == nil)

        let again = try await fixture.draft(with: narrator)
        #expect(again.outcomes.map(\.result) == [.skipped(.unchanged), .skipped(.edited)])
        #expect(again.calls == 0)
        #expect(fixture.story("held") == edit)
    }

    @Test func aDraftEditedWhileTheModelWritesItsReplacementIsKept() async throws {
        let standin = try ModelStandin()
        var trip = TripMaker.trip("redrafted")
        let fixture = try ContentFixture([trip])
        let narrator = try standin.narrator("openai")
        _ = try await fixture.draft(with: narrator)
        let ours = try #require(fixture.story(trip.slug))

        // New facts: story.md is draft's own, so the decision is to replace it...
        trip.title = "Redrafted standin:hold"
        try fixture.add(trip)
        async let running = fixture.draft(with: narrator)
        try await standin.waitUntilHeld()
        // ...but the writer starts on it while the model answers.
        let edit = ours + Data("\nA paragraph the writer added during the call.\n".utf8)
        try edit.write(to: fixture.content.storyFile(of: trip.slug))
        try await standin.release()
        let report = try await running

        #expect(report.outcomes.map(\.result) == [.kept(.editedDuringCall)])
        #expect(fixture.story(trip.slug) == edit)
        let draft = try #require(fixture.draftFile(trip.slug))
        #expect(try Story(parsing: String(decoding: draft, as: UTF8.self)).frontMatter.title == "Redrafted standin:hold (stand-in)")
        let record = try #require(fixture.record(trip.slug))
        #expect(record.storySHA256 == ContentHash.sha256(ours))
        #expect(record.draftSHA256 == ContentHash.sha256(draft))

        // From now on story.md is the writer's: the same inputs make no call, new ones go beside it.
        let again = try await fixture.draft(with: narrator)
        #expect(again.outcomes.map(\.result) == [.skipped(.edited)] && again.calls == 0)
        #expect(fixture.story(trip.slug) == edit)
    }
}
