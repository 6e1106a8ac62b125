import Foundation
import Narrate
import TabiCore
import Testing
import TestSupport

/// `tabi-press draft` as a user runs it: settings from the environment, one line per trip, a
/// report, exit codes 0, 1 and 2.
@Suite struct DraftCommandTests {
    @Test func oneFailingTripGivesExitCode1AndTheOthersAreDrafted() throws {
        let standin = try ModelStandin(throttleEvery: 2)
        let fixture = try ContentFixture([TripMaker.trip("cli-a"), TripMaker.trip("cli-b", title: "standin:server-error"),
                                          TripMaker.trip("cli-c"), TripMaker.trip("cli-d")])
        // One trip at a time and three attempts, so the order is known: a's 200; b throttled once,
        // then 500 twice (failed after 3 attempts); c's 200; d throttled once, then 200.
        let result = try CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "bedrock",
                                                  "--concurrency", "1", "--quiet"],
                                                 environment: standin.environment().merging(["AWS_MAX_ATTEMPTS": "3"]) { $1 })
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("cli-b: failed: Bedrock Runtime InvokeModel \(ModelStandin.model) failed: InternalServerException (500)"))
        #expect(result.stdout.contains("draft: 3 drafted, 0 skipped (unchanged), 0 kept (edited: wrote story.draft.md), 1 failed — 4 trips, bedrock-invoke \(ModelStandin.model)"))
        #expect(result.stdout.contains("estimated cost: $"))
        for slug in ["cli-a", "cli-c", "cli-d"] { #expect(fixture.story(slug) != nil) }
        let requests = try standin.requests()
        #expect(requests.allSatisfy { $0.verified == true })
        #expect(requests.map(\.status) == [200, 429, 500, 500, 200, 429, 200])
        #expect(result.stdout.contains("calls: 4, retries: 3 (2 throttled)"))
        #expect(result.stdout.contains("[request id standin-request, after 3 attempts]"))
    }

    @Test func converseAndOpenAIFromTheCommandLine() throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("cli-api")])
        let converse = try CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "bedrock",
                                                    "--bedrock-api", "converse", "--quiet"], environment: standin.environment())
        #expect(converse.status == 0, "\(converse.stderr)")
        let openai = try CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "openai",
                                                  "--model", "gpt-cli", "--trip", "cli-api"], environment: standin.environment())
        #expect(openai.status == 0, "\(openai.stderr)")
        #expect(openai.stdout.contains("cli-api: drafted story.md (the trip, prompt or model changed)"))
        #expect(try standin.requests().map { $0.api ?? "" } == ["converse", "openai"])
        let again = try CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "openai",
                                                 "--model", "gpt-cli"], environment: standin.environment())
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 drafted, 1 skipped (unchanged)"))
        #expect(try standin.requests().count == 2)
    }

    @Test func aRefusedSecretKeyIsASetupErrorThatNeverShowsTheKey() throws {
        let standin = try ModelStandin()
        let wrong = "cli/Wrong+Secret/NEVER-PRINT-ME"
        let fixture = try ContentFixture([TripMaker.trip("cli-refused")])
        let result = try CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "bedrock", "--verbose"],
                                                 environment: standin.environment(secret: wrong))
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: Bedrock Runtime InvokeModel \(ModelStandin.model) failed: InvalidSignatureException (403)"))
        #expect(!(result.stdout + result.stderr).contains("NEVER-PRINT-ME"))
    }

    @Test func setupErrorsExitWith2AndSayWhatIsMissing() throws {
        let fixture = try ContentFixture([TripMaker.trip("cli-setup")])
        let content = ["--content", fixture.root.path]
        let unknown = try CommandRunner.tabiPress(["draft", "--narrator", "gpt"] + content)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: unknown narrator \"gpt\": use offline, bedrock or openai\n")
        let noModel = try CommandRunner.tabiPress(["draft", "--narrator", "openai"] + content, environment: ["OPENAI_API_KEY": "sk-x"])
        #expect(noModel.status == 2)
        #expect(noModel.stderr.contains("the openai narrator needs a model"))
        let noKey = try CommandRunner.tabiPress(["draft", "--narrator", "openai", "--model", "m"] + content,
                                                environment: ["OPENAI_API_KEY": nil, "OPENAI_BASE_URL": nil])
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("OPENAI_API_KEY"))
        let noCredentials = try CommandRunner.tabiPress(["draft", "--narrator", "bedrock"] + content, environment: [
            "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil,
            "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": nil, "AWS_CONTAINER_CREDENTIALS_FULL_URI": nil,
        ])
        #expect(noCredentials.status == 2)
        #expect(noCredentials.stderr.contains("the bedrock narrator needs AWS credentials"))
        let noTrip = try CommandRunner.tabiPress(["draft", "--trip", "nowhere"] + content)
        #expect(noTrip.status == 2)
        #expect(noTrip.stderr.contains("--trip nowhere: there is no"))
        #expect(fixture.story("cli-setup") == nil)
    }
}
