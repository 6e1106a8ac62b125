import Build
import Foundation
import TestSupport
import Testing

/// A disk that fills up during a build: each write that fails is named, nothing is left half
/// written (no page cut short, no temporary file), the process does not crash, and once there is
/// room again the next build gives exactly what a build from scratch gives. The output folder is a
/// tmpfs of a few hundred kilobytes mounted for the test (the tests run as root, as `make test` does).
@Suite(.serialized) struct FullDiskTests {
    func mount(_ folder: URL, kilobytes: Int, remount: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/mount")
        process.arguments = ["-t", "tmpfs", "-o", (remount ? "remount," : "") + "size=\(kilobytes)k", "tmpfs", folder.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw MountFailed(description: "mount -t tmpfs at \(folder.path) failed (\(process.terminationStatus)): this test needs root")
        }
    }

    func unmount(_ folder: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/umount")
        process.arguments = [folder.path]
        try? process.run()
        process.waitUntilExit()
    }

    struct MountFailed: Error, CustomStringConvertible { var description: String }

    @Test func aFullDiskFailsWritesByNameAndTheNextBuildConverges() async throws {
        let site = try SiteFixture()
        let full = site.folder("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: true)
        try mount(full, kilobytes: 160)
        defer { unmount(full) }

        let report = try await site.build(output: full)
        #expect(!report.failures.isEmpty, "160 KiB cannot hold the site")
        #expect(
            report.failures.allSatisfy { $0.reason.contains("No space left on device") || $0.reason.contains("space") },
            "\(report.failures.map(\.description).prefix(3))")
        let written = try FolderFiles.contents(under: full)
        for (path, data) in written {
            #expect(!path.split(separator: "/").last!.hasPrefix(".tabi-tmp-"), "\(path) is a temporary file left behind")
            if path.hasSuffix(".html") { #expect(String(decoding: data, as: UTF8.self).hasSuffix("</html>\n"), "\(path) is cut short") }
        }

        // Room again: the next build completes and matches a build from scratch.
        try mount(full, kilobytes: 64 * 1024, remount: true)
        let next = try await site.build(output: full)
        #expect(next.failures.isEmpty, "\(next.failures.map(\.description).prefix(3))")
        _ = try await site.build()
        let resumed = try FolderFiles.contents(under: full), fresh = try FolderFiles.contents(under: site.output)
        #expect(resumed.keys.sorted() == fresh.keys.sorted())
        for (path, data) in fresh { #expect(resumed[path] == data, "\(path) differs from a build from scratch") }
    }
}
