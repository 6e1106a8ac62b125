import Foundation

/// A Python server from `Tests/Tools` (a stand-in such as `bedrock_standin.py`), started by a test
/// on a free port and stopped with it.
///
/// The server prints `{"port": N}` once it listens and exits when its stdin closes, so it cannot
/// outlive the test even if the test process crashes. A missing `python3` or Python module makes
/// `init` throw: the test fails, it never skips.
public final class PythonServer: @unchecked Sendable {
    /// Why a server did not start.
    public struct StartFailure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    private let process: Process
    private let input: Pipe

    /// `Tests/Tools` in the repository.
    public static let tools = RepositoryPaths.root.appendingPathComponent("Tests/Tools")

    public init(_ script: String, _ arguments: [String] = []) throws {
        process = Process()
        input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.tools.appendingPathComponent(script).path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        struct Announcement: Decodable { var port: Int }
        guard let announced = try? JSONDecoder().decode(Announcement.self, from: line.prefix { $0 != UInt8(ascii: "\n") }) else {
            process.terminate()
            throw StartFailure(description: "Tests/Tools/\(script) did not start (is python3 with botocore installed? run scripts/install-deps test)")
        }
        port = announced.port
    }

    deinit { stop() }

    /// `http://127.0.0.1:<port>`.
    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the server (closing its stdin) and waits for it.
    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
