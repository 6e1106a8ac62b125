/// One HTTP request: everything ``HTTPClient/send(_:)`` puts on the wire, and nothing else.
///
/// The URL is sent byte for byte: it must already be percent-encoded, and its path is not
/// normalised (`%3A` stays `%3A`, `..` and `//` stay), because a SigV4 signature covers the exact
/// path. The client adds no `Accept`, `Content-Type` or `Expect` header of its own; `Host` and
/// `Content-Length` come from the URL and the body unless given here.
public struct HTTPRequest: Sendable {
    /// The method, sent as spelled.
    public var method: HTTPMethod
    /// An absolute `http://` or `https://` URL, percent-encoded, printable ASCII without spaces.
    public var url: String
    /// Headers in the order and spelling to send.
    public var headers: HTTPHeaders
    /// What follows the headers.
    public var body: HTTPBody
    /// Connect, total and stall limits.
    public var timeouts: HTTPTimeouts
    /// HTTP/1.1 or HTTP/2.
    public var version: HTTPVersion
    /// Memory, or a file for large downloads.
    public var responseDestination: HTTPResponseDestination
    /// The longest response body kept in memory; a longer one fails the request with
    /// ``HTTPError/Kind/responseTooLarge`` (as soon as its `Content-Length` says so, else once
    /// that many bytes arrived). `nil` for no limit. For answers from services that are not
    /// trusted to stay small (a model's). A body written to a file is not limited.
    public var maxResponseBytes: Int?

    public init(
        method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: HTTPBody = .empty,
        timeouts: HTTPTimeouts = .default, version: HTTPVersion = .http1_1,
        responseDestination: HTTPResponseDestination = .memory, maxResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeouts = timeouts
        self.version = version
        self.responseDestination = responseDestination
        self.maxResponseBytes = maxResponseBytes
    }

    /// The URL's host (and port when given), for messages: never the path or query, which may
    /// carry a presigned signature.
    public var host: String { HTTPURLParts(url)?.authority ?? "(invalid URL)" }
}

/// The HTTP protocol version to ask for.
public enum HTTPVersion: Sendable, Hashable {
    /// HTTP/1.1, the default: many short requests are served well by a pool of connections.
    case http1_1
    /// HTTP/2 over TLS when the server offers it (HTTP/1.1 for `http://` URLs); concurrent
    /// requests to one host share a connection.
    case http2
}

extension HTTPRequest: CustomStringConvertible, CustomReflectable {
    /// The method and host only: paths and queries can carry presigned credentials, header values
    /// can carry secrets.
    public var description: String { "\(method) \(host)" }

    public var customMirror: Mirror {
        Mirror(self, children: ["method": method, "host": host, "headers": headers])
    }
}
