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
    /// The JSON line the server announced itself with (`{"port": N, ...}`), for servers that
    /// announce more (moto's buckets and keys).
    public let announcement: Data
    private let process: Process
    private let input: Pipe

    /// `Tests/Tools` in the repository.
    public static let tools = RepositoryPaths.root.appendingPathComponent("Tests/Tools")

    /// Starts `Tests/Tools/<script>` with `arguments`; `environment` adds to this process's.
    /// `needs` names what the script needs, for the message when it does not start.
    public init(
        _ script: String, _ arguments: [String] = [], environment: [String: String] = [:],
        discardingStandardError: Bool = false, needs: String = "python3 with botocore"
    ) throws {
        process = Process()
        input = Pipe()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.tools.appendingPathComponent(script).path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        env.merge(environment) { $1 }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        if discardingStandardError { process.standardError = FileHandle.nullDevice }
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        struct Announcement: Decodable { var port: Int }
        announcement = line.prefix { $0 != UInt8(ascii: "\n") }
        guard let announced = try? JSONDecoder().decode(Announcement.self, from: announcement) else {
            process.terminate()
            throw StartFailure(description: "Tests/Tools/\(script) did not start: it needs \(needs) (scripts/install-deps test)")
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
