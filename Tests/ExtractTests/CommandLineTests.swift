import Foundation
import TestSupport
import Testing

/// `tabi-press extract` as a person runs it: exit codes, one-line errors, the summary.
@Suite struct CommandLineTests {
    @Test(arguments: CommandRunner.binaries) func anUnreachableDatabaseExitsWithTwoAndOneLine(binary: CommandRunner.Binary) async throws {
        let folder = TemporaryFolder("tabi-cli")
        let result = try await CommandRunner.run(
            try binary.url(),
            [
                "extract", "--content", folder("Content").path,
                "--database-url", "postgresql://app:Hunter2-Secret@127.0.0.1:1/travel",
            ])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.hasPrefix("error: cannot connect to PostgreSQL at host 127.0.0.1, port 1, database \"travel\""))
        #expect(!result.stderr.contains("Hunter2"))
    }

    @Test(arguments: CommandRunner.binaries) func withoutAURLLibpqsEnvironmentDecides(binary: CommandRunner.Binary) async throws {
        let run = try ExtractHarness()
        try run.database.trip("From the environment")
        let url = try #require(URLComponents(string: run.database.url))
        let environment = [
            "DATABASE_URL": "", "PGHOST": url.host ?? "", "PGPORT": String(url.port ?? 5432),
            "PGUSER": url.user ?? "", "PGPASSWORD": url.password ?? "", "PGDATABASE": run.database.name,
            "PGSSLMODE": "disable",
        ]
        let result = try await CommandRunner.run(try binary.url(), ["extract", "--content", run.content.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try run.slugs() == ["from-the-environment"])
        // A wrong password from the environment is named as a failed login, and not shown.
        let refused = try await CommandRunner.run(
            try binary.url(), ["extract", "--content", run.content.path],
            environment: environment.merging(["PGPASSWORD": "Wrong-Secret-42"]) { $1 })
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("password authentication failed") && refused.stderr.contains("(a password was sent)"))
        #expect(!refused.stderr.contains("Wrong-Secret-42"))
    }

    @Test(arguments: CommandRunner.binaries) func aTripThatIsNotAnIdIsABadArgument(binary: CommandRunner.Binary) async throws {
        let result = try await CommandRunner.run(
            try binary.url(), ["extract", "--trip", "../../etc", "--database-url", "postgresql://127.0.0.1:1/x"])
        // A command-line error (exit 64) naming the option and the value, as in draft and export.
        #expect(result.status == 64)
        #expect(
            result.stderr.contains("'../../etc'") && result.stderr.contains("--trip") && result.stderr.contains("not a trip id"),
            "\(result.stderr)")
    }

    @Test(arguments: CommandRunner.binaries) func databaseURLFromTheEnvironmentAndASummaryLine(binary: CommandRunner.Binary) async throws {
        let run = try ExtractHarness()
        try run.database.post(try run.database.trip("From the command line"))
        let result = try await CommandRunner.run(
            try binary.url(), ["extract", "--content", run.content.path], environment: ["DATABASE_URL": run.database.url])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("extract: 1 written, 0 unchanged, 0 withdrawn, 0 failed; 1 posts, 0 photos in "))
        #expect(try run.slugs() == ["from-the-command-line"])
    }

    @Test(arguments: CommandRunner.binaries) func aPlanOverMaxWithdrawalsExitsWithTwoAndSaysHowToGoOn(binary: CommandRunner.Binary)
        async throws
    {
        let run = try ExtractHarness()
        try run.database.trip("First")
        try run.database.trip("Second")
        let base = ["extract", "--content", run.content.path, "--database-url", run.database.url]
        #expect(try await CommandRunner.run(try binary.url(), base).status == 0)
        try run.database.run("UPDATE travels SET visibility = 'private'")

        let refused = try await CommandRunner.run(try binary.url(), base + ["--max-withdrawals", "1"])
        #expect(refused.status == 2)
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(refused.stderr.contains("run again with --max-withdrawals 2"))
        #expect(try run.slugs() == ["first", "second"])

        let dry = try await CommandRunner.run(try binary.url(), base + ["--max-withdrawals", "1", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would withdraw first") && dry.stdout.contains("a real run would refuse this plan"))

        let allowed = try await CommandRunner.run(try binary.url(), base + ["--max-withdrawals", "2"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try run.slugs().isEmpty)
    }
}
