import ContentStore
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// `tabi-press draft` through faults, as a process: storms of errors and absurd `Retry-After`
/// values, `kill -9` at random points, a service quoting secrets back. Each test runs the debug
/// and the release build.
@Suite struct DraftCommandFaultTests {
    // MARK: - Storms

    /// Half of all attempts fail, with every fault in turn but a stall (the binary waits up to
    /// 600 s for a model): each run exits 0 or 1, never by a signal, names every failed trip, and
    /// runs converge.
    @Test(arguments: CommandRunner.binaries)
    func aStormOfFaultsNeverCrashesTheBinaryAndRunsConverge(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin(
            faults: 0.5,
            faultKinds: [
                "429", "500", "503", "throttling-400", "drop", "drop-mid-body",
                "retry-after-huge", "retry-after-negative", "retry-after-garbage",
            ],
            faultSeed: "cli-\(binary)")
        for (api, narrator) in [("invoke", ["--narrator", "bedrock"]), ("openai", ["--narrator", "openai", "--model", "gpt-storm"])] {
            let fixture = try ContentFixture((0..<12).map { TripMaker.trip("storm-\($0)") })
            var statuses: [Int32] = []
            while statuses.last != 0, statuses.count < 8 {
                let result = try await CommandRunner.run(
                    tabiPress, ["draft", "--content", fixture.root.path, "--quiet"] + narrator,
                    environment: standin.environment().merging(["AWS_MAX_ATTEMPTS": "3"]) { $1 })
                #expect(!result.signalled && [0, 1].contains(result.status), "\(binary) \(api): \(result.status) \(result.stderr)")
                let reasons = result.stdout.split(separator: "\n").compactMap { line in
                    line.range(of: ": failed: ").map { String(line[$0.upperBound...]) }
                }
                #expect(reasons.count == Self.failureCount(in: result.stdout), "\(result.stdout)")
                for reason in reasons { #expect(FaultTests.isClear(reason, api: api), "\(reason)") }
                statuses.append(result.status)
            }
            #expect(statuses.last == 0, "\(binary) \(api): exit codes \(statuses)")
            for index in 0..<12 {
                #expect(fixture.storyText("storm-\(index)").map { (try? Story(parsing: $0)) != nil } == true)
            }
        }
        let faults = try standin.requests().compactMap(\.fault)
        #expect(Set(faults).count == 9, "the storm was \(faults)")
    }

    /// The number of failed trips the summary gives.
    static func failureCount(in stdout: String) -> Int {
        guard let range = stdout.range(of: #"(\d+) failed — "#, options: .regularExpression) else { return -1 }
        return Int(stdout[range].prefix { $0.isNumber }) ?? -1
    }

    // MARK: - kill -9

    /// A run killed at random points, again and again, then let finish: every trip has a story
    /// that reads back and a record that matches it, no temporary file is left, and no trip whose
    /// story was already written is sent to the model again. Every other kill lands at a random
    /// time; the others as soon as a new story.md appears, between its rename and its record.
    @Test(arguments: CommandRunner.binaries)
    func runsKilledAtRandomPointsEndWithEveryTripDraftedOnce(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin(answerDelay: 0.2)
        let trips = (0..<20).map { TripMaker.trip("killed-\($0)") }
        let fixture = try ContentFixture(trips)
        let arguments = ["draft", "--content", fixture.root.path, "--narrator", "bedrock", "--concurrency", "3", "--quiet"]
        var drafted = Set<String>()  // trips whose story.md exists: never to be sent again
        var kills: [String] = []
        for round in 0..<8 {
            let process = CommandRunner.process(tabiPress, arguments, environment: standin.environment())
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let sentBefore = try standin.requests().count
            let start = ContinuousClock.now
            try process.run()
            if round % 2 == 0 {
                try await Task.sleep(for: .seconds(Double.random(in: 0.05...0.8)))
            } else {
                let waiting = trips.map(\.slug).filter { !drafted.contains($0) }
                while process.isRunning, !waiting.contains(where: { fixture.story($0) != nil }) {
                    try await Task.sleep(for: .microseconds(200))
                }
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let (seconds, attoseconds) = (ContinuousClock.now - start).components
            kills.append(String(format: "%.3f s", Double(seconds) + Double(attoseconds) / 1e18))
            // An answer the killed run never read is logged when the stand-in sends it.
            try await Task.sleep(for: .milliseconds(500))
            let sent = try standin.requests().dropFirst(sentBefore).compactMap { $0.facts["title"] as? String }
            let again = trips.filter { drafted.contains($0.slug) && sent.contains($0.title) }.map(\.slug)
            #expect(again.isEmpty, "sent again after kills at \(kills): \(again)")
            for trip in trips where fixture.story(trip.slug) != nil { drafted.insert(trip.slug) }
        }

        let sentBefore = try standin.requests().count
        let finish = try await CommandRunner.run(tabiPress, arguments, environment: standin.environment())
        #expect(finish.status == 0 && !finish.signalled, "\(finish.stdout)\(finish.stderr)")
        let sent = try standin.requests().dropFirst(sentBefore).compactMap { $0.facts["title"] as? String }
        #expect(trips.filter { drafted.contains($0.slug) && sent.contains($0.title) }.isEmpty, "kills at \(kills)")
        #expect(sent.count == trips.count - drafted.count)
        for trip in trips {
            let story = try #require(fixture.story(trip.slug), "\(trip.slug), kills at \(kills)")
            #expect(try Story(parsing: String(decoding: story, as: UTF8.self)).frontMatter.title == "\(trip.title) (stand-in)")
            let record = try #require(fixture.record(trip.slug))
            #expect(record.storySHA256 == ContentHash.sha256(story) && record.pending == nil && record.draftSHA256 == nil)
            #expect(fixture.draftFile(trip.slug) == nil)
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: fixture.root.path)
            .filter { ($0 as NSString).lastPathComponent.hasPrefix(AtomicFile.temporaryPrefix) }
        #expect(leftovers.isEmpty, "kills at \(kills)")
        let calm = try await CommandRunner.run(tabiPress, arguments + ["--verbose"], environment: standin.environment())
        #expect(calm.stdout.contains("0 drafted, 20 skipped (unchanged)") && calm.stdout.contains("calls: 0,"))
    }

    // MARK: - Secrets

    /// A service that quotes the request back (headers and all) in its error type, request id and
    /// message, on every retry: the secret key, session token, signature and API key appear
    /// nowhere in what the run prints, even at --verbose.
    @Test(arguments: CommandRunner.binaries)
    func secretsAServiceEchoesNeverAppearInTheOutput(binary: CommandRunner.Binary) async throws {
        let tabiPress = try binary.url()
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("echo", title: "Echo standin:echo-secrets"), TripMaker.trip("quiet")])
        let bedrock = try await CommandRunner.run(
            tabiPress, ["draft", "--content", fixture.root.path, "--narrator", "bedrock", "--verbose"],
            environment: standin.environment(temporary: true))
        let openai = try await CommandRunner.run(
            tabiPress,
            [
                "draft", "--content", fixture.root.path, "--narrator", "openai",
                "--model", "gpt-echo", "--verbose", "--force",
            ],
            environment: standin.environment())
        for result in [bedrock, openai] {
            #expect(result.status == 1 && !result.signalled, "\(result.stderr)")
            let printed = result.stdout + result.stderr
            // The echo reached the output, redacted: the test sees what a leak would look like.
            #expect(printed.contains("echo: failed: ") && printed.contains("<redacted>"), "\(printed)")
            #expect(printed.contains("retry 1 of"))
            for secret in [ModelStandin.temporarySecret, ModelStandin.sessionToken, ModelStandin.openAIKey, "NEVER-PRINT-ME"] {
                #expect(!printed.contains(secret), "\(binary) printed \(secret)")
            }
            #expect(printed.range(of: #"Signature=[0-9a-f]{16}"#, options: .regularExpression) == nil, "\(printed)")
        }
        // The signed requests really carried the token and the key the service quoted back.
        let requests = try standin.requests()
        #expect(requests.filter { $0.api != "openai" }.allSatisfy { $0.verified == true })
    }
}
