import Foundation
import TestSupport
import Testing

/// A build killed with SIGKILL at any moment leaves a usable site, and the next build is correct.
@Suite struct KilledBuildTests {
    @Test(arguments: CommandRunner.binaries, [150, 400, 800])
    func aKilledBuildLeavesAUsableSiteAndTheNextBuildIsCorrect(binary: CommandRunner.Binary, afterMilliseconds delay: Int) async throws {
        let site = try SiteFixture()
        let arguments = [
            "build", "--content", site.content.path, "--output", site.output.path,
            "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
        ]
        #expect(try await CommandRunner.run(try binary.url(), arguments).status == 0)
        let previous = try FolderFiles.contents(under: site.output)

        // New recipes re-encode every photo and rewrite every page: a long build to cut short.
        let settings = site.folder("tabi.yml")
        try "images:\n  widths: [200, 400]\n  quality: {webp: 60, jpeg: 70}\n".write(to: settings, atomically: true, encoding: .utf8)
        let process = CommandRunner.process(try binary.url(), arguments + ["--config", settings.path])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try await Task.sleep(for: .milliseconds(delay))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        // Every page is whole (the old bytes or the new), and every image a page names exists.
        let interrupted = try FolderFiles.contents(under: site.output)
        for (path, data) in interrupted where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.hasSuffix("</html>\n"), "\(path) is cut short")
            let folder = (path as NSString).deletingLastPathComponent
            for match in html.matches(of: /(?:src|srcset)="([^"]+)"/) {
                for candidate in match.1.split(separator: ",") {
                    let url = String(candidate.trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
                    guard !url.hasPrefix("http") else { continue }
                    let resolved = URL(fileURLWithPath: folder.isEmpty ? url : folder + "/" + url, relativeTo: URL(fileURLWithPath: "/"))
                        .standardizedFileURL.path.dropFirst()
                    #expect(interrupted[String(resolved)] != nil, "\(path) shows \(resolved), which is missing")
                }
            }
        }
        #expect(previous.keys.allSatisfy { interrupted[$0] != nil || $0.contains("/media/") || $0.hasPrefix("media/") })

        // The next build gives exactly what a build from scratch gives.
        #expect(try await CommandRunner.run(try binary.url(), arguments + ["--config", settings.path]).status == 0)
        let scratch = site.folder("Scratch")
        #expect(
            try await CommandRunner.run(
                try binary.url(),
                [
                    "build", "--content", site.content.path, "--output", scratch.path,
                    "--theme", RepositoryPaths.defaultTheme.path, "--quiet", "--config", settings.path,
                ]
            ).status == 0)
        let resumed = try FolderFiles.contents(under: site.output), fresh = try FolderFiles.contents(under: scratch)
        #expect(resumed.keys.sorted() == fresh.keys.sorted())
        for (path, data) in fresh { #expect(resumed[path] == data, "\(path) differs from a build from scratch") }
    }
}
