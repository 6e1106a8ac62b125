import Foundation
import TestSupport
import Testing

/// `status` and the option values that are a fixed set, through the binary, on a copy of the
/// sample trip (a writer's story.md with a newer draft beside it).
@Suite struct WriterCommandTests {
    static let sample = "autumn-on-foot-basque-country-to-picos"

    /// A copy of the sample content in a folder of its own.
    static func content(in folder: TemporaryFolder) throws -> URL {
        let content = folder("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("trips"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: RepositoryPaths.content.appendingPathComponent("trips/\(sample)"),
            to: content.appendingPathComponent("trips/\(sample)"))
        try FileManager.default.copyItem(
            at: RepositoryPaths.content.appendingPathComponent("media"), to: content.appendingPathComponent("media"))
        return content
    }

    static func status(_ binary: URL, _ content: URL, _ output: URL) async throws -> [String: Any] {
        let result = try await CommandRunner.run(
            binary, ["status", "--content", content.path, "--output", output.path, "--json"],
            in: RepositoryPaths.root)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return ((json?["trips"] as? [[String: Any]])?.first { $0["slug"] as? String == sample }) ?? [:]
    }

    @Test(arguments: CommandRunner.binaries) func statusSaysWhatNeedsAWriter(binary: CommandRunner.Binary) async throws {
        let tabi = try binary.url()
        let folder = TemporaryFolder()
        let content = try Self.content(in: folder)
        let output = folder("Output")
        let trip = content.appendingPathComponent("trips/\(Self.sample)")

        // The sample: a writer's story, a newer draft beside it, the facts drafted already, not built.
        var status = try await Self.status(tabi, content, output)
        #expect(status["story"] as? String == "edited")
        #expect(status["draftWaiting"] as? Bool == true)
        #expect(status["factsChanged"] as? Bool == false)
        #expect(status["built"] as? String == "no")
        #expect(status["visibility"] as? String == "public")
        let diff = try #require(status["diffCommand"] as? String)
        #expect(diff == "diff -u \(trip.path)/story.md \(trip.path)/story.draft.md")
        #expect((status["needs"] as? [String])?.contains("a newer draft to review") == true)

        // Built: current; a save after the build: outdated.
        let build = try await CommandRunner.run(
            tabi, ["build", "--content", content.path, "--output", output.path, "--quiet"],
            in: RepositoryPaths.root)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(try await Self.status(tabi, content, output)["built"] as? String == "current")
        let story = trip.appendingPathComponent("story.md")
        var text = try String(contentsOf: story, encoding: .utf8)
        text = text.replacingOccurrences(of: "draft: false", with: "draft: true")
        try text.write(to: story, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: story.path)
        status = try await Self.status(tabi, content, output)
        #expect(status["built"] as? String == "outdated")
        #expect(status["awaitingReview"] as? Bool == true)

        // The facts change in the app (a new trip.json): the next draft would write again.
        let tripFile = trip.appendingPathComponent("trip.json")
        let facts = try String(contentsOf: tripFile, encoding: .utf8)
        try facts.replacingOccurrences(of: "\"title\" : \"", with: "\"title\" : \"Renamed: ").write(
            to: tripFile, atomically: true, encoding: .utf8)
        #expect(try await Self.status(tabi, content, output)["factsChanged"] as? Bool == true)

        // The table says the same for a person, with the command that shows the waiting draft.
        let table = try await CommandRunner.run(
            tabi, ["status", "--content", content.path, "--output", output.path], in: RepositoryPaths.root)
        #expect(table.status == 0)
        #expect(table.stdout.contains("TRIP") && table.stdout.contains("NEEDS"))
        #expect(table.stdout.contains("\(Self.sample): see the newer draft with: \(diff)"))
        #expect(table.stdout.contains("1 trip, 1 needs a writer"))
        // Status wrote nothing.
        #expect(!FileManager.default.fileExists(atPath: trip.appendingPathComponent("story.source.json.tmp").path))
    }

    @Test(arguments: CommandRunner.binaries) func aValueOutsideAFixedSetIsAUsageErrorAndHelpListsThem(binary: CommandRunner.Binary)
        async throws
    {
        let tabi = try binary.url()
        for (command, option, typo) in [
            ("draft", "--narrator", "bedrok"), ("nightly", "--narrator", "offlne"),
            ("draft", "--bedrock-api", "convers"), ("status", "--narrator", "gpt"),
        ] {
            let result = try await CommandRunner.run(tabi, [command, option, typo])
            #expect(result.status == 64, "\(command) \(option) \(typo): \(result.status)")
            #expect(result.stderr.contains(typo), "\(result.stderr)")
        }
        let draftHelp = try await CommandRunner.run(tabi, ["draft", "--help"]).stdout
        #expect(draftHelp.contains("offline") && draftHelp.contains("bedrock") && draftHelp.contains("openai"))
        #expect(draftHelp.contains("invoke") && draftHelp.contains("converse"))
        let nightlyHelp = try await CommandRunner.run(tabi, ["nightly", "--help"]).stdout
        #expect(nightlyHelp.contains("none"))
        for command in ["status", "preview"] {
            let help = try await CommandRunner.run(tabi, [command, "--help"])
            #expect(help.status == 0 && help.stdout.contains("Example"), "\(command) --help: \(help.stdout)")
        }
    }
}
