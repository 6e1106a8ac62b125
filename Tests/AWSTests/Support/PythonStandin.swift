import Foundation
import HTTPClient
import TestSupport

/// The AWS tests' stand-ins are `Tests/Tools` Python servers like every other stand-in's
/// (``PythonServer``); these are the control endpoints `standin_server.py` adds.
typealias PythonStandin = PythonServer

extension PythonServer {
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
