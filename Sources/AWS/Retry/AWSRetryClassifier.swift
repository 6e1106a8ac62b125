/// Why a failed attempt may be sent again.
public enum AWSRetryReason: String, Sendable, Hashable {
    /// The service asked us to slow down (429, `ThrottlingException`, `SlowDown`, ...).
    case throttled
    /// A server-side or transient failure (5xx, 408, `ModelTimeoutException`, ...).
    case transient
    /// No response: the connection failed or timed out.
    case connection
    /// The session token expired: new credentials are fetched and the request sent again at once.
    case credentialsExpired
}

/// Which failures are worth another attempt. Everything else (validation, access, not found,
/// signature errors) fails at once: sending it again cannot help.
public enum AWSRetryClassifier {
    /// Error codes that mean "slow down", across the services tabi-press calls.
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException", "ModelNotReadyException",
    ]

    /// Error codes of transient failures, whatever their status.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "InternalServerError",
        "InternalServerException", "ServiceUnavailable", "ServiceUnavailableException", "ModelTimeoutException",
        "IDPCommunicationError",
    ]

    /// The reason to retry an error response, or `nil` when it must not be retried.
    public static func classify(status: Int, code: String?) -> AWSRetryReason? {
        if let code, throttlingCodes.contains(code) { return .throttled }
        if status == 429 { return .throttled }
        if let code, transientCodes.contains(code) { return .transient }
        if status == 408 { return .transient }
        // 501 Not Implemented and 505 HTTP Version Not Supported will answer the same again.
        if (500...599).contains(status), status != 501, status != 505 { return .transient }
        return nil
    }

    /// The reason to retry a request that got no response, or `nil`.
    public static func classify(_ error: HTTPError) -> AWSRetryReason? {
        error.isTransient ? .connection : nil
    }
}
