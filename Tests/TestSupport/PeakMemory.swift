import Foundation

/// Runs a program and reads its own peak resident memory, so a memory bound can be checked on one
/// process, whatever else the test run is doing.
///
/// The program runs under GNU `time` (`-f %M`), which forks it from its own small process. Spawned
/// from the test process directly, the figure would be wrong: `posix_spawn` starts the child in
/// the parent's memory (vfork), and Linux keeps the larger of that memory's high-water mark and
/// the program's own as the child's peak (exec records it), so every child of a test process that
/// had grown to 300 MB would report at least 300 MB, and two runs could not be compared.
public enum PeakMemory {
    public struct Result: Sendable {
        public var status: Int32
        /// The child's peak resident set size, in bytes.
        public var peakBytes: Int
    }

    /// Why there is no figure.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// GNU time, from the `time` package (`scripts/install-deps test`).
    public static let time = URL(fileURLWithPath: "/usr/bin/time")

    public static func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: time.path) else {
            throw Failure(description: "\(time.path) is missing: install the time package (scripts/install-deps test)")
        }
        let folder = TemporaryFolder("tabi-peak")
        let report = folder("peak.txt")
        var pid: pid_t = 0
        let argv = ([time.path, "-f", "%M", "-o", report.path, executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, time.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        // GNU time exits with the program's status; its report's last line is the peak in KiB.
        let text = (try? String(contentsOf: report, encoding: .utf8)) ?? ""
        guard let kib = text.split(whereSeparator: \.isNewline).last.flatMap({ Int($0) }) else {
            throw Failure(description: "time gave no peak memory for \(executable.lastPathComponent): \(text)")
        }
        return Result(status: exited, peakBytes: kib * 1024)
    }
}
