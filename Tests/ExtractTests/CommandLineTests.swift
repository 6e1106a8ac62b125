import Foundation
import TestSupport
import Testing

/// `tabi-press extract` as a person runs it: exit codes, one-line errors, the summary.
@Suite struct CommandLineTests {
    private func tabiPress(_ arguments: [String], environment: [String: String] = [:]) throws
        -> (status: Int32, out: String, err: String) {
        let binary = RepositoryPaths.root.appendingPathComponent(".build/debug/tabi-press")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("\(binary.path) is missing: build with `swift build --build-tests` first")
            return (-1, "", "")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func anUnreachableDatabaseExitsWithTwoAndOneLine() throws {
        let folder = TemporaryFolder("tabi-cli")
        let result = try tabiPress(["extract", "--content", folder("Content").path,
                                    "--database-url", "postgresql://app:Hunter2-Secret@127.0.0.1:1/travel"])
        #expect(result.status == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.err.hasPrefix("error: cannot connect to PostgreSQL at host 127.0.0.1, port 1, database \"travel\""))
        #expect(!result.err.contains("Hunter2"))
    }

    @Test func withoutAURLLibpqsEnvironmentDecides() throws {
        let run = try ExtractHarness()
        try run.database.trip("From the environment")
        let url = try #require(URLComponents(string: run.database.url))
        let environment = ["DATABASE_URL": "", "PGHOST": url.host ?? "", "PGPORT": String(url.port ?? 5432),
                           "PGUSER": url.user ?? "", "PGPASSWORD": url.password ?? "", "PGDATABASE": run.database.name,
                           "PGSSLMODE": "disable"]
        let result = try tabiPress(["extract", "--content", run.content.path], environment: environment)
        #expect(result.status == 0, "\(result.err)")
        #expect(try run.slugs() == ["from-the-environment"])
        // A wrong password from the environment is named as a failed login, and not shown.
        let refused = try tabiPress(["extract", "--content", run.content.path],
                                    environment: environment.merging(["PGPASSWORD": "Wrong-Secret-42"]) { $1 })
        #expect(refused.status == 2)
        #expect(refused.err.contains("password authentication failed") && refused.err.contains("(a password was sent)"))
        #expect(!refused.err.contains("Wrong-Secret-42"))
    }

    @Test func aTripThatIsNotAnIdIsABadArgument() throws {
        let result = try tabiPress(["extract", "--trip", "../../etc", "--database-url", "postgresql://127.0.0.1:1/x"])
        #expect(result.status == 2)
        #expect(result.err.contains("--trip \"../../etc\" is not a trip id"))
    }

    @Test func databaseURLFromTheEnvironmentAndASummaryLine() throws {
        let run = try ExtractHarness()
        try run.database.post(try run.database.trip("From the command line"))
        let result = try tabiPress(["extract", "--content", run.content.path], environment: ["DATABASE_URL": run.database.url])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("extract: 1 written, 0 unchanged, 0 withdrawn, 0 failed; 1 posts, 0 photos in "))
        #expect(try run.slugs() == ["from-the-command-line"])
    }

    @Test func aPlanOverMaxWithdrawalsExitsWithTwoAndSaysHowToGoOn() throws {
        let run = try ExtractHarness()
        try run.database.trip("First")
        try run.database.trip("Second")
        let base = ["extract", "--content", run.content.path, "--database-url", run.database.url]
        #expect(try tabiPress(base).status == 0)
        try run.database.run("UPDATE travels SET visibility = 'private'")

        let refused = try tabiPress(base + ["--max-withdrawals", "1"])
        #expect(refused.status == 2)
        #expect(refused.err.split(separator: "\n").count == 1)
        #expect(refused.err.contains("run again with --max-withdrawals 2"))
        #expect(try run.slugs() == ["first", "second"])

        let dry = try tabiPress(base + ["--max-withdrawals", "1", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.out.contains("would withdraw first") && dry.out.contains("a real run would refuse this plan"))

        let allowed = try tabiPress(base + ["--max-withdrawals", "2"])
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(try run.slugs().isEmpty)
    }
}
