/// Sends HTTP requests with libcurl: async, cancellable, connections kept open and reused.
///
/// One client owns one connection pool (and one thread that drives it), so share a client
/// between the parts of a run that talk to the same hosts; ``shared`` is there for that. The
/// client never follows redirects, never adds `Accept`, `Content-Type` or `Expect` headers, and
/// sends the URL's path bytes as given.
public final class HTTPClient: Sendable {
    /// Connection pool limits.
    public struct Configuration: Sendable, Hashable {
        /// The most connections open to one host at a time; 0 for no limit (the caller's own
        /// bounded parallelism is usually the better limit).
        public var maxConnectionsPerHost: Int
        /// How many idle connections are kept open for reuse.
        public var idleConnections: Int
        /// How long a connection may sit idle and still be reused (whole seconds, rounded up);
        /// an older one is closed and a new one opened. libcurl's default, 118 s. A connection
        /// the server closed meanwhile is never reused, whatever its age.
        public var maxIdleTime: Duration

        public init(maxConnectionsPerHost: Int = 0, idleConnections: Int = 64, maxIdleTime: Duration = .seconds(118)) {
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.idleConnections = idleConnections
            self.maxIdleTime = maxIdleTime
        }
    }

    /// A client for the whole process.
    public static let shared = HTTPClient()

    private let loop: CurlMultiLoop

    public init(configuration: Configuration = Configuration()) {
        loop = CurlMultiLoop(configuration: configuration)
    }

    deinit { loop.shutdown() }

    /// Sends `request` and returns the response, whatever its status. Throws only when no
    /// response came (see ``HTTPError``), including when the task is cancelled.
    public func send(_ request: HTTPRequest) async throws(HTTPError) -> HTTPResponse {
        let transfer = try CurlTransfer(request: request)
        if Task.isCancelled { throw HTTPError(kind: .cancelled, method: transfer.method, host: transfer.host) }
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.continuation = continuation
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return try result.get()
    }
}
