import Foundation

/// How many times a request is sent and how long to wait between sends: the AWS SDKs' standard
/// mode (exponential backoff with full jitter), sized for a batch job. Used by every HTTP retry
/// of tabi-press through ``RetryLoop``: the AWS client, the OpenAI narrator, S3's multipart
/// completion, CloudFront's busy wait and the credential endpoints.
public struct RetryPolicy: Sendable {
    /// The most sends of one request, the first included; 1 disables retries.
    public var maxAttempts: Int
    /// The backoff of the first retry, doubled for each later one (before jitter).
    public var baseDelay: Duration
    /// The longest backoff (before jitter).
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a service asking for a longer wait fails the request
    /// instead of stalling the batch.
    public var maxRetryAfter: Duration
    /// A random number in `[0, 1)` for jitter.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(20),
        maxRetryAfter: Duration = .seconds(60), random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(maxAttempts, 1)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.random = random
    }

    /// Five attempts, 1 s base, 20 s cap, `Retry-After` up to a minute.
    public static let batch = RetryPolicy()
    /// A single attempt.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// Asks again every `interval` for up to `total` (no jitter, no `Retry-After`): a poll, such
    /// as waiting for CloudFront to accept one more invalidation.
    public static func every(_ interval: Duration, for total: Duration) -> RetryPolicy {
        let retries = interval > .zero ? Int(total / interval) : 0
        return RetryPolicy(maxAttempts: retries + 1, baseDelay: interval, maxDelay: interval, maxRetryAfter: .zero, random: { 1 })
    }

    /// `attempts` sends in a row, with no wait between them: for local endpoints that answer
    /// at once or not at all (the instance and container credential endpoints).
    public static func immediately(attempts: Int) -> RetryPolicy {
        RetryPolicy(maxAttempts: attempts, baseDelay: .zero, maxDelay: .zero, maxRetryAfter: .zero)
    }

    /// The wait before retry number `retry` (1 for the first retry):
    /// `random × min(maxDelay, baseDelay × 2^(retry-1))`.
    public func backoff(retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        return ceiling * min(max(random(), 0), 1)
    }

    /// The wait before retry number `retry` of an attempt that failed with a retryable
    /// `failure`, or `nil` when the request must not be sent again (no attempts left, or a
    /// `Retry-After` longer than ``maxRetryAfter``). A `Retry-After` replaces the backoff.
    public func delay(retry: Int, retryAfter: Duration?) -> Duration? {
        guard retry < maxAttempts else { return nil }
        guard let retryAfter else { return backoff(retry: retry) }
        return retryAfter <= maxRetryAfter ? max(retryAfter, .zero) : nil
    }
}
