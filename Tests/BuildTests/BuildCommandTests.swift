import Foundation
import TestSupport
import Testing

/// The `build` command as a user runs it: exit codes, the summary, failures on standard error.
@Suite struct BuildCommandTests {
    @Test(arguments: CommandRunner.binaries) func aCleanBuildExitsZeroWithASummary(binary: CommandRunner.Binary) async throws {
        let site = try SiteFixture()
        let result = try await CommandRunner.run(
            try binary.url(),
            [
                "build", "--content", site.content.path, "--output", site.output.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Built 3 trips"))
        #expect(result.stdout.contains("0 failures"))
    }

    @Test(arguments: CommandRunner.binaries) func aBrokenPhotoExitsOneNamingTheTripAndFile(binary: CommandRunner.Binary) async throws {
        let site = try SiteFixture()
        let key = try #require(
            try FileManager.default.subpathsOfDirectory(atPath: site.media.path).first { $0.hasSuffix("small.jpg") && $0.contains("/0-") })
        try Data().write(to: site.media.appendingPathComponent(key))
        let result = try await CommandRunner.run(
            try binary.url(),
            [
                "build", "--content", site.content.path, "--output", site.output.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
            ])
        #expect(result.status == 1)
        #expect(result.stderr.contains(key), "\(result.stderr)")
        #expect(result.stderr.contains("city-break") || result.stderr.contains("secret-garden"))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/coast-walk/index.html").path))
    }
}
