/// A request that got no HTTP response: it could not be sent, or the connection failed.
///
/// An HTTP error status is not an `HTTPError`; it is a response. The message names the method
/// and host only, never the path, query or headers (they can carry signatures and tokens).
public struct HTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, coarse enough for retry decisions.
    public enum Kind: String, Sendable, Hashable {
        /// The host name did not resolve.
        case nameResolution = "name resolution failed"
        /// Nothing listened on the port (`ECONNREFUSED`).
        case connectionRefused = "connection refused"
        /// The connection could not be opened for another reason (unreachable network, ...).
        case connectFailed = "could not connect"
        /// The TLS handshake failed (a reset during the handshake, a protocol mismatch).
        case tlsHandshake = "TLS handshake failed"
        /// The server's certificate was not trusted: retrying will not help.
        case tlsCertificate = "TLS certificate not trusted"
        /// A connect, total or low-speed limit of ``HTTPTimeouts`` was reached.
        case timeout = "timed out"
        /// The connection broke while sending or receiving, or closed without a response.
        case connectionLost = "connection lost"
        /// The request itself is not valid (bad URL, a header with a line break, ...).
        case invalidRequest = "invalid request"
        /// The body's file could not be opened or read.
        case bodyUnreadable = "request body unreadable"
        /// The response's destination file could not be written.
        case responseUnwritable = "response file unwritable"
        /// The response body was longer than ``HTTPRequest/maxResponseBytes``.
        case responseTooLarge = "response too large"
        /// The task was cancelled.
        case cancelled = "cancelled"
        /// Anything else libcurl reported.
        case other = "failed"
    }

    /// What went wrong.
    public var kind: Kind
    /// The request's method.
    public var method: String
    /// The request's host (and port), never the path or query.
    public var host: String
    /// libcurl's explanation, or ours; empty when there is nothing to add.
    public var detail: String
    /// libcurl's `CURLcode`, when it came from libcurl.
    public var curlCode: Int?

    public init(kind: Kind, method: String, host: String, detail: String = "", curlCode: Int? = nil) {
        self.kind = kind
        self.method = method
        self.host = host
        self.detail = detail
        self.curlCode = curlCode
    }

    /// Whether the same request may succeed if sent again: connection-level failures and
    /// timeouts, not invalid requests, untrusted certificates, unreadable files or cancellation.
    public var isTransient: Bool {
        switch kind {
        case .nameResolution, .connectionRefused, .connectFailed, .tlsHandshake, .timeout, .connectionLost:
            true
        case .tlsCertificate, .invalidRequest, .bodyUnreadable, .responseUnwritable, .responseTooLarge, .cancelled, .other:
            false
        }
    }

    public var description: String {
        let base = "HTTP \(method) to \(host) failed: \(kind.rawValue)"
        return detail.isEmpty ? base : "\(base) (\(detail))"
    }
}
