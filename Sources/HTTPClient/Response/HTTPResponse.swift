import Foundation

/// What came back: the final status, its headers and body, and how long it took.
public struct HTTPResponse: Sendable {
    /// The final status code (interim `100 Continue` responses are not kept).
    public var status: Int
    /// The final response's headers, in the order received.
    public var headers: HTTPHeaders
    /// The body, or empty when it was written to a file (see ``HTTPResponseDestination``).
    public var body: Data
    /// Where the body went: `.file` only when a 2xx body was written to the requested file.
    public var bodyDestination: HTTPResponseDestination
    /// The protocol version the server answered with.
    public var version: HTTPVersion
    /// Where the time went.
    public var timing: HTTPTiming

    public init(
        status: Int, headers: HTTPHeaders = [:], body: Data = Data(),
        bodyDestination: HTTPResponseDestination = .memory, version: HTTPVersion = .http1_1,
        timing: HTTPTiming = HTTPTiming()
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.bodyDestination = bodyDestination
        self.version = version
        self.timing = timing
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// How long the phases of one transfer took, each measured from its start, and whether it
/// reused an open connection.
public struct HTTPTiming: Sendable, Hashable {
    /// Until the name was resolved.
    public var nameLookup: Duration
    /// Until the TCP connection was open.
    public var connect: Duration
    /// Until the TLS handshake was done (zero for plain HTTP).
    public var tlsHandshake: Duration
    /// Until the first response byte arrived.
    public var firstByte: Duration
    /// The whole transfer.
    public var total: Duration
    /// Whether the request went over a connection an earlier request had opened.
    public var reusedConnection: Bool
    /// Bytes of request body sent.
    public var bytesSent: Int64
    /// Bytes of response body received.
    public var bytesReceived: Int64

    public init(
        nameLookup: Duration = .zero, connect: Duration = .zero, tlsHandshake: Duration = .zero,
        firstByte: Duration = .zero, total: Duration = .zero, reusedConnection: Bool = false,
        bytesSent: Int64 = 0, bytesReceived: Int64 = 0
    ) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.tlsHandshake = tlsHandshake
        self.firstByte = firstByte
        self.total = total
        self.reusedConnection = reusedConnection
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
    }
}
