import Foundation
import TestSupport
import Testing

/// `tabi-press --version` names the C libraries it runs with, as pkg-config (an independent
/// reader of the installed packages) names them.
@Suite struct VersionTests {
    @Test(arguments: CommandRunner.binaries) func versionNamesEachLibraryItRunsWith(binary: CommandRunner.Binary) async throws {
        let result = try await CommandRunner.run(try binary.url(), ["--version"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "tabi-press 0.1.0")
        for (name, package) in [("libvips", "vips"), ("libcmark-gfm", "libcmark-gfm"), ("libpq", "libpq"), ("libcurl", "libcurl")] {
            let installed = try await CommandRunner.run(URL(fileURLWithPath: "/usr/bin/env"), ["pkg-config", "--modversion", package])
            #expect(installed.status == 0, "pkg-config \(package): \(installed.stderr)")
            let version = installed.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(!version.isEmpty && lines.contains("\(name) \(version)"), "\(name) \(version) in \(lines)")
        }
    }
}
