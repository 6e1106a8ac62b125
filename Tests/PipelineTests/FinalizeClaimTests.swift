import Foundation
import TestSupport
import Testing

/// Shards that finish together all see every marker; exactly one of them finalizes the run
/// (a conditional write claims the step), round after round.
@Suite struct FinalizeClaimTests {
    @Test func shardsFinishingTogetherFinalizeOnce() async throws {
        let folder = TemporaryFolder()
        let content = try WriterCommandTestsContent.sample(in: folder)
        let shards = 4
        for round in 1...4 {
            var processes: [(Process, URL)] = []
            for index in 0..<shards {
                let report = folder("round-\(round)-\(index).json")
                let process = CommandRunner.process(
                    try CommandRunner.Binary.debug.url(),
                    [
                        "nightly", "--content", content.path, "--media", content.appendingPathComponent("media").path,
                        "--theme", RepositoryPaths.defaultTheme.path, "--skip-extract", "--narrator", "none", "--quiet",
                        "--site-folder", folder("site").path, "--state", folder("state").path, "--shards", "\(shards)",
                        "--report", report.path,
                    ], environment: ["JOB_COMPLETION_INDEX": "\(index)", "TABI_RUN_ID": "claim-\(round)"])
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                processes.append((process, report))
            }
            for (process, _) in processes { try process.run() }
            for (process, _) in processes { await CommandRunner.exit(of: process) }
            var finalizers = 0
            for (process, report) in processes {
                #expect(process.terminationStatus == 0, "round \(round): a shard exited \(process.terminationStatus)")
                let json = try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any]
                if json?["finalize"] != nil { finalizers += 1 }
            }
            #expect(finalizers == 1, "round \(round): \(finalizers) shards finalized")
            // The claims and markers are gone once the step is done.
            let done = folder("state").appendingPathComponent("nightly/done")
            let left = (FileManager.default.enumerator(atPath: done.path)?.allObjects as? [String] ?? []).filter { $0.contains(".") }
            #expect(left.isEmpty, "round \(round) left \(left)")
        }
        #expect(FileManager.default.fileExists(atPath: folder("site").appendingPathComponent("index.html").path))
    }
}

/// The sample trip in a content folder of its own (the same copy the CLI tests make).
enum WriterCommandTestsContent {
    static func sample(in folder: TemporaryFolder) throws -> URL {
        let content = folder("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("trips"), withIntermediateDirectories: true)
        let slug = "autumn-on-foot-basque-country-to-picos"
        try FileManager.default.copyItem(
            at: RepositoryPaths.content.appendingPathComponent("trips/\(slug)"),
            to: content.appendingPathComponent("trips/\(slug)"))
        try FileManager.default.copyItem(
            at: RepositoryPaths.content.appendingPathComponent("media"), to: content.appendingPathComponent("media"))
        return content
    }
}
