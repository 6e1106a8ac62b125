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
                    throw MissingBinary(description: environment["TABI_RUN_TESTS"] == nil
                        ? "TABI_RELEASE_BIN is not set: this test also runs the release build of tabi-press. Run `make test` "
                            + "(which builds it), or build it with `swift build -c release --product tabi-press` and set "
                            + "TABI_RELEASE_BIN=$(swift build -c release --show-bin-path)/tabi-press"
                        : "TABI_RELEASE_BIN is not set although scripts/run-tests is running: its release build step did not export it")
                }
                guard FileManager.default.isExecutableFile(atPath: path) else {
                    throw MissingBinary(description: "TABI_RELEASE_BIN=\(path) is not an executable file: build it with "
                        + "`swift build -c release --product tabi-press` (or run `make test`)")
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
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
                           in folder: URL? = nil, input: Data? = nil) throws -> Result {
        let process = process(executable, arguments, environment: environment, in: folder)
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(input) }
        try inp.fileHandleForWriting.close()
        // Read both pipes while the program runs, so a chatty program never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Runs `executable` as ``run(_:_:environment:in:input:)`` does, without holding a thread of
    /// the cooperative pool while it runs: the pipes are read on Dispatch threads and the exit
    /// resumes the caller. Tests run in parallel on a pool as wide as the machine has cores (2
    /// here); a test blocked in `waitUntilExit` for seconds starved the others for minutes.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
                           in folder: URL? = nil, input: Data? = nil) async throws -> Result {
        let process = process(executable, arguments, environment: environment, in: folder)
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        let group = DispatchGroup()
        group.enter()
        process.terminationHandler = { _ in group.leave() }
        try process.run()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let input { inp.fileHandleForWriting.write(input) }
        try inp.fileHandleForWriting.close()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { done.resume() }
        }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal)
    }

    /// Waits for a started process to end without holding a thread of the cooperative pool.
    public static func exit(of process: Process) async {
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        process.waitUntilExit()
    }

    /// A process for `executable`, not started yet, for callers that watch or stop it themselves.
    /// `environment` adds to (and overrides) this process's environment; nil removes a variable.
    public static func process(_ executable: URL, _ arguments: [String], environment: [String: String?] = [:],
                               in folder: URL? = nil) -> Process {
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
    public static func tabiPress(_ arguments: [String], environment: [String: String?] = [:],
                                 in folder: URL? = nil) throws -> Result {
        try run(tabiPress, arguments, environment: environment, in: folder)
    }

    /// Runs the built `tabi-press` without holding a thread of the cooperative pool.
    public static func tabiPress(_ arguments: [String], environment: [String: String?] = [:],
                                 in folder: URL? = nil) async throws -> Result {
        try await run(tabiPress, arguments, environment: environment, in: folder)
    }
}
