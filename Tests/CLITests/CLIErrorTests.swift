import Foundation
import Testing
import TestSupport

@Suite struct CLIErrorTests {
    @Test func anUnknownOptionIsAUsageError() throws {
        let result = try CommandRunner.tabiPress(["build", "--no-such-option"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-such-option"))
    }

    @Test func aMissingContentFolderIsNamed() throws {
        let folder = TemporaryFolder()
        let result = try CommandRunner.tabiPress(
            ["build", "--content", folder("nope").path, "--output", folder("out").path,
             "--theme", RepositoryPaths.defaultTheme.path, "--quiet"])
        #expect(result.status == 2)
        #expect(result.stderr.contains(folder("nope").path))
    }

    @Test func aMissingSettingsFileIsNamed() throws {
        let result = try CommandRunner.tabiPress(["build", "--config", "/nonexistent/tabi.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/tabi.yml"))
    }

    @Test func aBadSettingsFileNamesTheKey() throws {
        let folder = TemporaryFolder()
        try "images:\n  widths: many\n".write(to: folder("tabi.yml"), atomically: true, encoding: .utf8)
        let result = try CommandRunner.tabiPress(["build", "--config", folder("tabi.yml").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("images.widths"))
    }

    @Test func zeroConcurrencyIsRefused() throws {
        let result = try CommandRunner.tabiPress(["build", "--concurrency", "0"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--concurrency"))
    }
}
