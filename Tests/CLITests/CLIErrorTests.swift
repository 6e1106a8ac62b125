import Foundation
import TestSupport
import Testing

@Suite struct CLIErrorTests {
    @Test(arguments: CommandRunner.binaries) func anUnknownOptionIsAUsageError(binary: CommandRunner.Binary) async throws {
        let result = try await CommandRunner.run(try binary.url(), ["build", "--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test(arguments: CommandRunner.binaries) func aMissingContentFolderIsNamed(binary: CommandRunner.Binary) async throws {
        let folder = TemporaryFolder()
        let result = try await CommandRunner.run(
            try binary.url(),
            [
                "build", "--content", folder("nope").path, "--output", folder("out").path,
                "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
            ])
        #expect(result.status == 2)
        #expect(result.stderr.contains(folder("nope").path))
    }

    @Test(arguments: CommandRunner.binaries) func aMissingSettingsFileIsNamed(binary: CommandRunner.Binary) async throws {
        let result = try await CommandRunner.run(try binary.url(), ["build", "--config", "/nonexistent/tabi.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/tabi.yml"))
    }

    @Test(arguments: CommandRunner.binaries) func aBadSettingsFileNamesTheKey(binary: CommandRunner.Binary) async throws {
        let folder = TemporaryFolder()
        try "images:\n  widths: many\n".write(to: folder("tabi.yml"), atomically: true, encoding: .utf8)
        let result = try await CommandRunner.run(try binary.url(), ["build", "--config", folder("tabi.yml").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("images.widths"))
    }

    @Test(arguments: CommandRunner.binaries) func zeroConcurrencyIsRefused(binary: CommandRunner.Binary) async throws {
        let result = try await CommandRunner.run(try binary.url(), ["build", "--concurrency", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--concurrency"))
    }
}
