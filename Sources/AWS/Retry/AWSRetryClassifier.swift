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

    /// The reason to retry an error response, or `nil` when it must not be retried: its code
    /// first, then what HTTP says of its status (``HTTPRetryClassifier``).
    public static func classify(status: Int, code: String?) -> RetryReason? {
        if let code, throttlingCodes.contains(code) { return .throttled }
        if status == 429 { return .throttled }
        if let code, transientCodes.contains(code) { return .transient }
        return HTTPRetryClassifier.classify(status: status)
    }
}
