import AWS
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// A model's answer is input from outside: bounded in bytes on the wire and as a story, parsed
/// without trusting its YAML, and failing only its own trip.
@Suite struct HostileAnswerTests {
    @Test(arguments: ModelDraftTests.apis)
    func anAnswerTooLongOnTheWireOrAsAStoryFailsOnlyItsTrip(api: String) async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([
            TripMaker.trip("a-fine"), TripMaker.trip("huge-body", title: "Trip standin:huge-body"),
            TripMaker.trip("huge-story", title: "Trip standin:huge-story"), TripMaker.trip("z-fine"),
        ])
        let report = try await fixture.draft(with: try standin.narrator(api))
        #expect(report.drafted == 2)
        let subject =
            switch api {
            case "invoke": "Bedrock Runtime InvokeModel \(ModelStandin.model) failed: "
            case "converse": "Bedrock Runtime Converse \(ModelStandin.model) failed: "
            default:
                "OpenAI chat completions at 127.0.0.1:\(standin.server.port) (gpt-standin) failed: HTTP POST to 127.0.0.1:\(standin.server.port) failed: "
            }
        let tooLarge = api == "openai" ? "response too large" : "response too large talking to 127.0.0.1:\(standin.server.port)"
        let lines = report.failures.map(\.line)
        #expect(lines.count == 2)
        #expect(
            lines.first
                == "huge-body: failed: \(subject)\(tooLarge) (the body is longer than the limit of \(ModelAnswer.maxResponseBytes) bytes)")
        let story = lines.last ?? ""
        #expect(story.hasPrefix("huge-story: failed: the model's answer is not a usable story: it is 2"), "\(story)")
        #expect(story.hasSuffix(" bytes long, more than the limit of \(ModelAnswer.maxTextBytes) bytes"), "\(story)")
        // Neither is retried: the same request would get the same answer.
        #expect(try standin.requests().count == 4 && report.retries == 0)
        #expect(fixture.story("huge-body") == nil && fixture.story("huge-story") == nil)
        #expect(fixture.record("huge-body") == nil && fixture.record("huge-story") == nil)
    }

    /// DEPENDS ON THE MERGE OF MAIN: YAML anchors and aliases are refused by `TabiCore.Story`'s
    /// parsing there. Until then the bomb below (6 levels of 6, 46,656 scalars once expanded, kept
    /// small so that the test fails quickly rather than eats memory) parses, and this test fails.
    @Test func anAnswerWhoseFrontMatterIsAnAliasBombFailsOnlyItsTrip() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("a-fine"), TripMaker.trip("bomb", title: "Trip standin:alias-bomb")])
        let report = try await fixture.draft(with: try standin.narrator("invoke"))
        #expect(report.drafted == 1)
        let failure = try #require(report.failures.first?.line)
        #expect(failure.hasPrefix("bomb: failed: the model's answer is not a usable story: front matter"))
        #expect(failure.lowercased().contains("alias") || failure.lowercased().contains("anchor"), "\(failure)")
        #expect(fixture.story("bomb") == nil)
    }

    @Test func hugeTokenCountsFromAServiceCannotOverflowTheTally() {
        let most = TokenUsage(input: .max, output: .max - 1)
        #expect(most + TokenUsage(input: 1, output: 5) == TokenUsage(input: .max, output: .max))
        #expect(TokenUsage(input: .min, output: 0) + TokenUsage(input: -1, output: 0) == TokenUsage(input: .min, output: 0))
    }
}
