import Foundation

/// Runs a program and reads its own peak resident memory from the kernel (`wait4`'s rusage),
/// so a memory bound can be checked on one process, whatever else the test run is doing.
public enum PeakMemory {
    public struct Result: Sendable {
        public var status: Int32
        /// The child's peak resident set size, in bytes.
        public var peakBytes: Int
    }

    public static func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        var pid: pid_t = 0
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let exited = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Result(status: exited, peakBytes: Int(usage.ru_maxrss) * 1024)
    }
}
