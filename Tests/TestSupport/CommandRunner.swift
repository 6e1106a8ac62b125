import Foundation

/// Runs a program (the built `tabi-press`, `psql`, a Python stand-in) and collects what it printed.
public enum CommandRunner {
    /// What a finished program left behind.
    public struct Result: Sendable {
        /// The exit code, or the signal's number when ``signalled``.
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Whether a signal ended the program (a crash: SIGILL, SIGTRAP, SIGSEGV), not `exit`.
        public var signalled = false
    }

    /// The `tabi-press` binary built beside the test bundle.
    public static var tabiPress: URL {
        productsFolder.appendingPathComponent("tabi-press")
    }

    /// Both builds of `tabi-press`, for command-line tests that must also pass optimised: Swift
    /// 6.3.1's `-O` miscompiled a task group that `-Onone` ran correctly (SlidingWindow.swift).
    public static let binaries: [Binary] = [.debug, .release]

    /// A build of `tabi-press`.
    public enum Binary: String, Sendable, CaseIterable, CustomStringConvertible {
        /// The debug build beside the test bundle (``tabiPress``).
        case debug
        /// The release build `scripts/run-tests` makes and exports as `TABI_RELEASE_BIN`.
        case release

        /// The binary's path. Throws, so the test fails rather than skips, when the release
        /// build is not there.
        public func url() throws -> URL {
            switch self {
            case .debug: return CommandRunner.tabiPress
            case .release:
                let environment = ProcessInfo.processInfo.environment
                guard let path = environment["TABI_RELEASE_BIN"], !path.isEmpty else {
                    throw MissingBinary(
                        description: environment["TABI_RUN_TESTS"] == nil
                            ? "TABI_RELEASE_BIN is not set: this test also runs the release build of tabi-press. Run `make test` "
                                + "(which builds it), or build it with `swift build -c release --product tabi-press --static-swift-stdlib` and set "
                                + "TABI_RELEASE_BIN=$(swift build -c release --static-swift-stdlib --show-bin-path)/tabi-press"
                            : "TABI_RELEASE_BIN is not set although scripts/run-tests is running: its release build step did not export it")
                }
                guard FileManager.default.isExecutableFile(atPath: path) else {
                    throw MissingBinary(
                        description: "TABI_RELEASE_BIN=\(path) is not an executable file: build it with "
                            + "`swift build -c release --product tabi-press --static-swift-stdlib` (or run `make test`)")
                }
                return URL(fileURLWithPath: path)
            }
        }

        public var description: String { rawValue }
    }

    /// Why a build of `tabi-press` a test needs is not there.
    public struct MissingBinary: Error, CustomStringConvertible {
        public var description: String
    }

    /// The build products folder (`.build/<triple>/debug`) holding the test bundle.
    public static var productsFolder: URL {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("tabi-press").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder
    }

    /// Runs `executable` with `arguments`, waiting for it to end. `environment` adds to (and
    /// overrides) this process's environment; a value of nil removes a variable.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
        in folder: URL? = nil, input: Data? = nil
    ) throws -> Result {
        let running = try Running(process(executable, arguments, environment: environment, in: folder), input: input)
        running.done.wait()
        return running.result
    }

    /// Runs `executable` as ``run(_:_:environment:in:input:)`` does, without holding a thread of
    /// the cooperative pool while it runs: the pipes are read on Dispatch threads and the exit
    /// resumes the caller. Tests run in parallel on a pool as wide as the machine has cores (2
    /// here); a test blocked in `waitUntilExit` for seconds starved the others for minutes.
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
        in folder: URL? = nil, input: Data? = nil
    ) async throws -> Result {
        let running = try Running(process(executable, arguments, environment: environment, in: folder), input: input)
        await withCheckedContinuation { (resumed: CheckedContinuation<Void, Never>) in
            running.done.notify(queue: .global()) { resumed.resume() }
        }
        return running.result
    }

    /// A started program whose output is read on Dispatch threads while it runs (so a chatty
    /// program never blocks on a full pipe); `done` is left once it has exited and both pipes
    /// are drained.
    private final class Running: @unchecked Sendable {
        let process: Process
        let done = DispatchGroup()
        private var out = Data(), err = Data()

        init(_ process: Process, input: Data?) throws {
            self.process = process
            let out = Pipe(), err = Pipe(), inp = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = inp
            done.enter()
            process.terminationHandler = { [done] _ in done.leave() }
            try process.run()
            done.enter()
            DispatchQueue.global().async {
                self.out = out.fileHandleForReading.readDataToEndOfFile(); self.done.leave()
            }
            done.enter()
            DispatchQueue.global().async {
                self.err = err.fileHandleForReading.readDataToEndOfFile(); self.done.leave()
            }
            if let input { inp.fileHandleForWriting.write(input) }
            try inp.fileHandleForWriting.close()
        }

        /// What it left behind; read once `done` is.
        var result: Result {
            Result(
                status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                stderr: String(decoding: err, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
        }
    }

    /// Waits for a started process to end without holding a thread of the cooperative pool.
    public static func exit(of process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        process.waitUntilExit()
    }

    /// A process for `executable`, not started yet, for callers that watch or stop it themselves.
    /// `environment` adds to (and overrides) this process's environment; nil removes a variable.
    public static func process(
        _ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
        in folder: URL? = nil
    ) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let folder { process.currentDirectoryURL = folder }
        return process
    }

    /// Runs the built `tabi-press`.
    public static func tabiPress(
        _ arguments: [String], environment: [String: String?] = [:],
        in folder: URL? = nil
    ) throws -> Result {
        try run(tabiPress, arguments, environment: environment, in: folder)
    }

    /// Runs the built `tabi-press` without holding a thread of the cooperative pool.
    public static func tabiPress(
        _ arguments: [String], environment: [String: String?] = [:],
        in folder: URL? = nil
    ) async throws -> Result {
        try await run(tabiPress, arguments, environment: environment, in: folder)
    }
}
