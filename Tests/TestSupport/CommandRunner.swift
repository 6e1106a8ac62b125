import Foundation

/// Runs a program (the built `tabi-press`, `psql`, a Python stand-in) and collects what it printed.
public enum CommandRunner {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `tabi-press` binary built beside the test bundle.
    public static var tabiPress: URL {
        productsFolder.appendingPathComponent("tabi-press")
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
                      stderr: String(decoding: errData, as: UTF8.self))
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
}
