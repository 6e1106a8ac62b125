import AWS
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// Faults of the service and the network, at a set rate through the stand-in: every run drafts
/// each trip or fails it with a sentence, nothing crashes, and runs converge.
@Suite struct FaultTests {
    /// Half of all attempts get a fault, in turn: 429, 500, 503, ThrottlingException as 400, a
    /// dropped connection (before or during the answer), an answer after the client's timeout,
    /// and Retry-After 1e300, -1 or garbage.
    @Test(arguments: ModelDraftTests.apis)
    func aStormOfFaultsEndsWithEveryTripDraftedOrClearlyFailedAndRunsConverge(api: String) async throws {
        let standin = try ModelStandin(faults: 0.5, faultSeed: "storm-\(api)", stallSeconds: 3)
        let trips = (0..<20).map { TripMaker.trip("storm-\($0)") }
        let fixture = try ContentFixture(trips)
        let narrator = try standin.narrator(api, timeouts: HTTPTimeouts(connect: .seconds(5), total: .seconds(1)))
        var runs: [DraftReport] = []
        while runs.last.map({ !$0.failures.isEmpty }) ?? true, runs.count < 8 {
            let report = try await fixture.draft(with: narrator, concurrency: 4)
            #expect(report.outcomes.count == 20)
            for outcome in report.outcomes {
                switch outcome.result {
                case .drafted, .skipped: continue
                case .failed(let reason): #expect(Self.isClear(reason, api: api), "\(outcome.line)")
                default: Issue.record("unexpected outcome \(outcome.line)")
                }
            }
            runs.append(report)
        }
        #expect(runs.last?.failures.isEmpty == true, "no convergence in \(runs.count) runs")
        // A trip is drafted once: every run sends only what is not drafted yet.
        #expect(runs.map(\.drafted).reduce(0, +) == 20)

        let faults = try standin.requests().compactMap(\.fault)
        #expect(Set(faults).count == 10, "the storm was \(faults)")
        #expect(runs.map(\.retries).reduce(0, +) > 0)
        for trip in trips {
            let story = try #require(fixture.storyText(trip.slug))
            #expect(try Story(parsing: story).frontMatter.title == "\(trip.title) (stand-in)")
            #expect(fixture.record(trip.slug)?.storySHA256 == ContentHash.sha256(Data(story.utf8)))
        }
        let calm = try await fixture.draft(with: narrator)
        #expect(calm.skipped == 20 && calm.calls == 0)
    }

    /// A failure's sentence names the service and what went wrong, and never a secret.
    static func isClear(_ reason: String, api: String) -> Bool {
        let service = api == "openai" ? "OpenAI chat completions at 127.0.0.1:" : "Bedrock Runtime "
        let causes = [
            "ThrottlingException", "InternalServerException", "ServiceUnavailableException", "connection lost",
            "timed out", "rate_limit", "server_error", "HTTP",
        ]
        return reason.hasPrefix(service) && causes.contains { reason.contains($0) }
            && !reason.contains(ModelStandin.secret) && !reason.contains(ModelStandin.openAIKey)
    }
}
