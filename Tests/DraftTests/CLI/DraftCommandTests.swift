import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// `tabi-press draft` as a user runs it: settings from the environment, one line per trip, a
/// report, exit codes 0, 1 and 2. Every test runs the debug and the release build
/// (`CommandRunner.binaries`): the optimiser has miscompiled what the debug build ran correctly.
@Suite struct DraftCommandTests {
    @Test(arguments: CommandRunner.binaries)
    func oneFailingTripGivesExitCode1AndTheOthersAreDrafted(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin(throttleEvery: 2)
        let fixture = try ContentFixture([
            TripMaker.trip("cli-a"), TripMaker.trip("cli-b", title: "standin:server-error"),
            TripMaker.trip("cli-c"), TripMaker.trip("cli-d"),
        ])
        // One trip at a time and three attempts, so the order is known: a's 200; b throttled once,
        // then 500 twice (failed after 3 attempts); c's 200; d throttled once, then 200.
        let result = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "bedrock",
                "--concurrency", "1", "--quiet",
            ],
            environment: standin.environment().merging(["AWS_MAX_ATTEMPTS": "3"]) { $1 })
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stdout.contains("cli-b: failed: Bedrock Runtime InvokeModel \(ModelStandin.model) failed: InternalServerException (500)")
        )
        #expect(
            result.stdout.contains(
                "draft: 3 drafted, 0 skipped (unchanged), 0 kept (edited: wrote story.draft.md), 1 failed — 4 trips, bedrock-invoke \(ModelStandin.model)"
            ))
        #expect(result.stdout.contains("estimated cost: $"))
        for slug in ["cli-a", "cli-c", "cli-d"] { #expect(fixture.story(slug) != nil) }
        let requests = try standin.requests()
        #expect(requests.allSatisfy { $0.verified == true })
        #expect(requests.map(\.status) == [200, 429, 500, 500, 200, 429, 200])
        #expect(result.stdout.contains("calls: 4, retries: 3 (2 throttled)"))
        #expect(result.stdout.contains("[request id standin-request, after 3 attempts]"))
    }

    /// Map-reduce through the binary: the parts go out concurrently from one task group, whose
    /// child results the optimiser once read from the wrong bits (a trap in the release build only).
    @Test(arguments: CommandRunner.binaries)
    func aLongTripIsDraftedInConcurrentPartsThenJoined(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin()
        let trip = TripMaker.trip("long-way", posts: 120, places: 6, textLength: 300)
        let fixture = try ContentFixture([trip, TripMaker.trip("short-way")])
        let config = fixture.folder("tabi.yml")
        try Data("narrator:\n  chunkCharacters: 12000\n".utf8).write(to: config)
        let result = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "bedrock",
                "--config", config.path, "--concurrency", "4",
            ],
            environment: standin.environment())
        #expect(result.status == 0 && !result.signalled, "\(binary): \(result.stderr)")
        let requests = try standin.requests()
        #expect(requests.allSatisfy { $0.verified == true && $0.status == 200 })
        let parts = requests.filter { $0.postTitles.contains { $0.hasPrefix("long-way ") } }
        #expect(parts.count >= 4)
        let seen = parts.flatMap(\.postTitles)
        #expect(seen.count == 120 && Set(seen) == Set(trip.posts.map { $0.title! }))
        #expect(result.stdout.contains("draft: 2 drafted, 0 skipped (unchanged)"))
        #expect(result.stdout.contains("calls: \(requests.count), retries: 0"))
        let story = try Story(parsing: try #require(fixture.storyText(trip.slug)))
        #expect(story.frontMatter.title == "\(trip.title) (stand-in)")
        #expect(fixture.record(trip.slug)?.storySHA256 == ContentHash.sha256(try #require(fixture.story(trip.slug))))
    }

    @Test(arguments: CommandRunner.binaries)
    func converseAndOpenAIFromTheCommandLine(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("cli-api")])
        let converse = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "bedrock",
                "--bedrock-api", "converse", "--quiet",
            ], environment: standin.environment())
        #expect(converse.status == 0, "\(converse.stderr)")
        let openai = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "openai",
                "--model", "gpt-cli", "--slug", "cli-api",
            ], environment: standin.environment())
        #expect(openai.status == 0, "\(openai.stderr)")
        #expect(openai.stdout.contains("cli-api: drafted story.md (the trip, prompt or model changed)"))
        #expect(try standin.requests().map { $0.api ?? "" } == ["converse", "openai"])
        let again = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "openai",
                "--model", "gpt-cli",
            ], environment: standin.environment())
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 drafted, 1 skipped (unchanged)"))
        #expect(try standin.requests().count == 2)
    }

    @Test(arguments: CommandRunner.binaries)
    func aRefusedSecretKeyIsASetupErrorThatNeverShowsTheKey(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin()
        let wrong = "cli/Wrong+Secret/NEVER-PRINT-ME"
        let fixture = try ContentFixture([TripMaker.trip("cli-refused")])
        let result = try await CommandRunner.run(
            tabiPress, ["draft", "--content", fixture.root.path, "--narrator", "bedrock", "--verbose"],
            environment: standin.environment(secret: wrong))
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: Bedrock Runtime InvokeModel \(ModelStandin.model) failed: InvalidSignatureException (403)"))
        #expect(!(result.stdout + result.stderr).contains("NEVER-PRINT-ME"))
    }

    @Test(arguments: CommandRunner.binaries)
    func setupErrorsExitWith2AndSayWhatIsMissing(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let fixture = try ContentFixture([TripMaker.trip("cli-setup")])
        let content = ["--content", fixture.root.path]
        // A narrator outside the set is a usage error, refused before anything runs.
        let unknown = try await CommandRunner.run(tabiPress, ["draft", "--narrator", "gpt"] + content)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("'gpt'") && unknown.stderr.contains("'offline', 'bedrock' or 'openai'"), "\(unknown.stderr)")
        // tabi.yml is read after parsing: a kind there outside the set still exits 2, naming it.
        let settings = fixture.root.appendingPathComponent("tabi.yml")
        try "narrator:\n  kind: gpt\n".write(to: settings, atomically: true, encoding: .utf8)
        let fromSettings = try await CommandRunner.run(tabiPress, ["draft", "--config", settings.path] + content)
        #expect(fromSettings.status == 2)
        #expect(fromSettings.stderr.contains("gpt"), "\(fromSettings.stderr)")
        let noModel = try await CommandRunner.run(
            tabiPress, ["draft", "--narrator", "openai"] + content, environment: ["OPENAI_API_KEY": "sk-x"])
        #expect(noModel.status == 2)
        #expect(noModel.stderr.contains("the openai narrator needs a model"))
        let noKey = try await CommandRunner.run(
            tabiPress, ["draft", "--narrator", "openai", "--model", "m"] + content,
            environment: ["OPENAI_API_KEY": nil, "OPENAI_BASE_URL": nil])
        #expect(noKey.status == 2)
        #expect(noKey.stderr.contains("OPENAI_API_KEY"))
        let noCredentials = try await CommandRunner.run(
            tabiPress, ["draft", "--narrator", "bedrock"] + content,
            environment: [
                "AWS_ACCESS_KEY_ID": nil, "AWS_SECRET_ACCESS_KEY": nil, "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil,
                "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": "/nonexistent/config",
                "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
                "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": nil,
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": nil,
            ])
        #expect(noCredentials.status == 2)
        #expect(noCredentials.stderr.contains("the bedrock narrator needs AWS credentials"))
        let noSlug = try await CommandRunner.run(tabiPress, ["draft", "--slug", "nowhere"] + content)
        #expect(noSlug.status == 2)
        #expect(noSlug.stderr.contains("--slug nowhere: there is no"))
        let unknownTrip = "0b5e2c1e-6c55-4a57-9a43-2f0d0e1e6a01"
        let noTrip = try await CommandRunner.run(tabiPress, ["draft", "--trip", unknownTrip] + content)
        #expect(noTrip.status == 2)
        #expect(noTrip.stderr.contains("--trip \(unknownTrip): no trip.json in"), "\(noTrip.stderr)")
        // A slug given to --trip is a command-line error, as in extract and export.
        let slugAsTrip = try await CommandRunner.run(tabiPress, ["draft", "--trip", "cli-setup"] + content)
        #expect(slugAsTrip.status == 64)
        #expect(slugAsTrip.stderr.contains("not a trip id"), "\(slugAsTrip.stderr)")
        #expect(fixture.story("cli-setup") == nil)
    }

    @Test(arguments: CommandRunner.binaries)
    func tripTakesTheIdAndSlugTheFolderAsInEveryCommand(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let fixture = try ContentFixture([TripMaker.trip("by-id"), TripMaker.trip("by-slug"), TripMaker.trip("left-alone")])
        let id = TripMaker.uuid("by-id").uppercased()  // any case, as the app may print it
        let result = try await CommandRunner.run(
            tabiPress, ["draft", "--content", fixture.root.path, "--trip", id, "--slug", "by-slug", "-q"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(fixture.story("by-id") != nil)
        #expect(fixture.story("by-slug") != nil)
        #expect(fixture.story("left-alone") == nil)
    }
}
