import AWS
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// Failures name the trip, stay with their trip, and never print a secret.
@Suite struct FailureTests {
    @Test func aBadAnswerFailsItsTripOnlyAndNamesIt() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([
            TripMaker.trip("good"),
            TripMaker.trip("broken-answer", title: "Trip standin:bad-front-matter"),
            TripMaker.trip("fenced-answer", title: "Trip standin:fenced"),
            TripMaker.trip("cut-off", title: "Trip standin:truncate"),
        ])
        let report = try await fixture.draft(with: try standin.narrator("invoke"))
        #expect(report.drafted == 2)
        let failures = Dictionary(uniqueKeysWithValues: report.failures.map { ($0.slug, $0.line) })
        #expect(failures.keys.sorted() == ["broken-answer", "cut-off"])
        #expect(failures["broken-answer"]!.hasPrefix("broken-answer: failed: the model's answer is not a usable story: front matter"))
        #expect(
            failures["cut-off"] == "cut-off: failed: the model stopped at narrator.maxTokens (2000 tokens) before the story was finished")
        #expect(fixture.story("broken-answer") == nil && fixture.record("broken-answer") == nil)
        // The fence a model wrapped its answer in is gone.
        let fenced = try #require(fixture.storyText("fenced-answer"))
        #expect(fenced.hasPrefix("---\ntitle: \"Trip standin:fenced (stand-in)\"\n"))
        #expect(!fenced.contains("```"))
        // A failed trip is sent again next time; the others are not.
        let again = try await fixture.draft(with: try standin.narrator("invoke"))
        #expect(again.calls == 2 && again.failures.count == 2 && again.skipped == 2)
    }

    @Test func aTripThatKeepsFailingStopsNoOtherTrip() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([
            TripMaker.trip("a-fine"), TripMaker.trip("b-failing", title: "standin:server-error"), TripMaker.trip("c-fine"),
        ])
        let report = try await fixture.draft(with: try standin.narrator("converse"), concurrency: 1)
        #expect(report.drafted == 2)
        #expect(
            report.failures.map(\.line) == [
                "b-failing: failed: Bedrock Runtime Converse \(ModelStandin.model) failed: InternalServerException (500): "
                    + "The stand-in was asked to fail. [request id standin-request, after 5 attempts]"
            ])
        #expect(report.retries == 4)
        #expect(report.stoppedBy == nil)
    }

    @Test func aWrongSecretKeyFailsClearlyWithoutTheKey() async throws {
        let standin = try ModelStandin()
        let wrong = "wrong/Secret+Key/THIS-MUST-NOT-BE-PRINTED"
        let fixture = try ContentFixture((0..<5).map { TripMaker.trip("refused-\($0)") })
        let report = try await fixture.draft(with: try standin.narrator("invoke", secret: wrong), concurrency: 2)
        let refusal = try #require(report.stoppedBy)
        #expect(
            refusal.hasPrefix(
                "Bedrock Runtime InvokeModel \(ModelStandin.model) failed: InvalidSignatureException (403): "
                    + "The request signature we calculated does not match"))
        #expect(report.failures.count == 5 && report.drafted == 0)
        // The run stops sending once the key is refused: at most the calls already in flight.
        #expect(try standin.requests().count <= 2)
        let everything = report.summary + report.outcomes.map(\.line).joined() + refusal
        #expect(!everything.contains(wrong) && !everything.contains("THIS-MUST-NOT"))
        #expect(try standin.requests().allSatisfy { $0.verified == false })
    }

    @Test func aWrongOpenAIKeyFailsClearlyWithoutTheKey() async throws {
        let standin = try ModelStandin()
        let wrong = "sk-wrong-THIS-MUST-NOT-BE-PRINTED"
        let fixture = try ContentFixture([TripMaker.trip("key")])
        let report = try await fixture.draft(with: try standin.narrator("openai", openAIKey: wrong))
        let refusal = try #require(report.stoppedBy)
        // The stand-in quotes the key back in its message; it is redacted before it is kept.
        #expect(
            refusal == "OpenAI chat completions at 127.0.0.1:\(standin.server.port) (gpt-standin) failed: invalid_api_key (401): "
                + "Incorrect API key provided: <redacted>. You can find your API key in your account settings.")
        #expect(!(report.summary + report.outcomes.map(\.line).joined()).contains(wrong))
    }
}
