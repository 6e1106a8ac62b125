import AWS
import Testing

/// AWS error codes first, then what HTTP says of the status.
@Suite struct AWSRetryClassifierTests {
    @Test(
        arguments: [
            (429, nil, RetryReason.throttled), (400, "ThrottlingException", .throttled), (400, "Throttling", .throttled),
            (503, "SlowDown", .throttled), (429, "ModelNotReadyException", .throttled), (400, "TooManyRequestsException", .throttled),
            (503, "RequestLimitExceeded", .throttled), (500, nil, .transient), (502, nil, .transient), (503, nil, .transient),
            (504, nil, .transient), (408, nil, .transient), (408, "ModelTimeoutException", .transient), (400, "RequestTimeout", .transient),
        ] as [(Int, String?, RetryReason)])
    func retryable(status: Int, code: String?, reason: RetryReason) {
        #expect(AWSRetryClassifier.classify(status: status, code: code) == reason)
    }

    @Test(
        arguments: [
            (400, "ValidationException"), (403, "AccessDeniedException"), (403, "SignatureDoesNotMatch"), (404, "NoSuchKey"),
            (400, "ServiceQuotaExceededException"), (501, "NotImplemented"), (409, "ConflictException"), (400, nil), (412, nil),
        ] as [(Int, String?)])
    func notRetryable(status: Int, code: String?) {
        #expect(AWSRetryClassifier.classify(status: status, code: code) == nil)
    }
}
