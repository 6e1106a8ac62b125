/// Why a failed attempt may be sent again.
public enum RetryReason: String, Sendable, Hashable {
    /// The service asked us to slow down (429, `ThrottlingException`, `SlowDown`, ...).
    case throttled
    /// A server-side or transient failure (5xx, 408, `ModelTimeoutException`, ...).
    case transient
    /// No response: the connection failed or timed out.
    case connection
    /// The session token expired: new credentials are fetched and the request sent again at once.
    case credentialsExpired
}

/// What HTTP alone says about a failure: a status or a transport error. A service's own error
/// codes (AWS's `SlowDown`, OpenAI's `insufficient_quota`) are read by its client first.
public enum HTTPRetryClassifier {
    /// The reason to retry a response with `status`, or `nil` when it must not be retried.
    public static func classify(status: Int) -> RetryReason? {
        if status == 429 { return .throttled }
        if status == 408 { return .transient }
        // 501 Not Implemented and 505 HTTP Version Not Supported will answer the same again.
        if (500...599).contains(status), status != 501, status != 505 { return .transient }
        return nil
    }

    /// The reason to retry a request that got no response, or `nil`.
    public static func classify(_ error: HTTPError) -> RetryReason? {
        error.isTransient ? .connection : nil
    }
}
