import Foundation
import HTTPClient
import TestSupport

/// A Python server from `Tests/Tools`, started for one test on a free port and stopped with it.
///
/// The server prints `{"port": N}` once it listens and exits when its stdin closes, so it cannot
/// outlive the test even if the test process crashes. A missing `python3` (or a missing Python
/// module) makes `init` throw, and the test fails.
final class PythonStandin: @unchecked Sendable {
    /// Why a stand-in did not start.
    struct StartFailure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int
    private let process: Process
    private let input: Pipe

    /// The tools folder, `Tests/Tools` in the repository.
    static let tools = RepositoryPaths.root.appendingPathComponent("Tests/Tools")

    init(_ script: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws {
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
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops the server (closing its stdin) and waits for it.
    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    // MARK: - Control endpoints

    /// A request as the server saw it.
    struct SeenRequest: Decodable, Sendable {
        var method: String
        var target: String
        var path: String
        var query: String
        var headers: [[String]]
        var bodyLength: Int
        var bodySha256: String
        var bodyText: String?
        var clientPort: Int
        var verified: Bool?
        var verifyError: String?

        /// Every value of a header, any case.
        func values(_ name: String) -> [String] {
            headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
        }
    }

    /// A canned response the server gives the next request.
    struct ScriptedResponse: Encodable, Sendable {
        var status: Int
        var headers: [[String]] = []
        var body: String = ""
        var contentType: String = "application/json"
    }

    /// The requests seen so far (control requests excluded).
    func requests() async throws -> [SeenRequest] {
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .get, url: baseURL + "/__standin/requests"))
        return try JSONDecoder().decode([SeenRequest].self, from: response.body)
    }

    /// Queues responses for the next requests, in order.
    func script(_ responses: [ScriptedResponse]) async throws {
        let body = try JSONEncoder().encode(responses)
        _ = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: baseURL + "/__standin/script", body: .data(body)))
    }
}

/// A decoded echo of the HTTP echo server.
typealias EchoedRequest = PythonStandin.SeenRequest

extension HTTPResponse {
    /// The body decoded as the echo server's JSON.
    func echoed() throws -> EchoedRequest {
        try JSONDecoder().decode(EchoedRequest.self, from: body)
    }
}
