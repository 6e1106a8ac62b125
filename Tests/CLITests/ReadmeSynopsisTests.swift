import Foundation
import TestSupport
import Testing

/// Every command's synopsis in README.md is what `--help` says: one fenced block per command,
/// under a `<!-- synopsis: <command> -->` marker, equal to ``Synopsis`` made from the binary.
@Suite struct ReadmeSynopsisTests {
    static let marker = "<!-- synopsis: "

    @Test func everyCommandsSynopsisInTheReadmeMatchesItsHelp() async throws {
        let readme = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let shown = Self.synopses(in: readme)
        let root = try await Self.dump([])
        let commands = (root.command.subcommands ?? []).map(\.commandName).filter { $0 != "help" }
        #expect(Set(shown.keys) == Set(commands), "README synopses for \(shown.keys.sorted()), commands \(commands.sorted())")
        for name in commands {
            let expected = Synopsis.text(of: try await Self.dump([name]).command)
            #expect(
                shown[name] == expected,
                """
                README's synopsis of \(name) differs from its --help; the block under \(Self.marker)\(name) --> should read:
                ```sh
                \(expected)
                ```
                """)
        }
    }

    @Test func aSynopsisShowsChoicesRepeatsAndShortNames() {
        let command = Synopsis.Command(
            commandName: "draft",
            arguments: [
                .init(
                    kind: "flag", names: [.init(kind: "long", name: "quiet"), .init(kind: "short", name: "q")], valueName: "quiet",
                    isOptional: true, isRepeating: false, shouldDisplay: true),
                .init(
                    kind: "option", names: [.init(kind: "long", name: "narrator")], valueName: "narrator", isOptional: true,
                    isRepeating: false, shouldDisplay: true, allValues: ["offline", "bedrock"]),
                .init(
                    kind: "option", names: [.init(kind: "long", name: "trip")], valueName: "uuid", isOptional: false,
                    isRepeating: true, shouldDisplay: true),
                .init(
                    kind: "flag", names: [.init(kind: "long", name: "hidden")], isOptional: true, isRepeating: false, shouldDisplay: false),
                .init(
                    kind: "flag", names: [.init(kind: "short", name: "h"), .init(kind: "long", name: "help")], isOptional: true,
                    isRepeating: false, shouldDisplay: true),
            ])
        #expect(Synopsis.text(of: command) == "tabi-press draft [-q|--quiet] [--narrator offline|bedrock] --trip <uuid> ...")
    }

    /// The fenced block after each marker, by command.
    static func synopses(in readme: String) -> [String: String] {
        var found: [String: String] = [:]
        let lines = readme.components(separatedBy: "\n")
        for (index, line) in lines.enumerated() where line.hasPrefix(marker) {
            let name = line.dropFirst(marker.count).prefix { $0 != " " }
            guard index + 1 < lines.count, lines[index + 1].hasPrefix("```") else { continue }
            let body = lines[(index + 2)...].prefix { !$0.hasPrefix("```") }
            found[String(name)] = body.joined(separator: "\n")
        }
        return found
    }

    static func dump(_ command: [String]) async throws -> Synopsis.Dump {
        let result = try await CommandRunner.run(try CommandRunner.Binary.debug.url(), command + ["--experimental-dump-help"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONDecoder().decode(Synopsis.Dump.self, from: Data(result.stdout.utf8))
    }
}
