/// What one attempt came to, as ``RetryLoop`` sees it.
public enum AttemptResult<Success, Failure: Error> {
    case success(Success)
    /// A failure; `retry` nil when sending again cannot help. `retryAfter` is the wait the answer
    /// asked for (`Retry-After`), which replaces the policy's backoff.
    case failure(Failure, retry: RetryReason?, retryAfter: Duration? = nil)
}

/// The one retry engine: sends attempt 1, 2, … until one succeeds, one fails in a way not worth
/// retrying, the ``RetryPolicy`` has no attempt or wait left, or the task is cancelled. The caller
/// says what an attempt is, how a failure is classified (in the ``AttemptResult``), and what to
/// do before each retry (log it, count it, refresh credentials).
public struct RetryLoop: Sendable {
    public var policy: RetryPolicy
    /// Waits before a retry; throws when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(policy: RetryPolicy, sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.policy = policy
        self.sleep = sleep
    }

    /// A retry about to happen: the failure, why it is retried, which retry this is (1 for the
    /// first) and the wait before it.
    public struct Retry<Failure: Error> {
        public var failure: Failure
        public var reason: RetryReason
        public var number: Int
        public var delay: Duration
    }

    /// Runs `attempt(1)`, `attempt(2)`, … as the policy allows.
    /// - Parameters:
    ///   - attempt: one attempt, given its number (1 for the first).
    ///   - beforeRetry: called before each wait.
    ///   - cancelled: the error thrown when the task is cancelled, given the last failure (nil
    ///     before the first attempt) and the attempts made.
    ///   - givingUp: the error thrown for a failure that ends the loop, given the attempts made
    ///     (by default the failure itself).
    public func run<Success, Failure: Error>(
        _ attempt: (Int) async -> AttemptResult<Success, Failure>,
        beforeRetry: (Retry<Failure>) async -> Void = { _ in },
        cancelled: (_ last: Failure?, _ attempts: Int) -> Failure,
        givingUp: (_ failure: Failure, _ attempts: Int) -> Failure = { failure, _ in failure }
    ) async throws(Failure) -> Success {
        var number = 0
        var last: Failure?
        while true {
            if Task.isCancelled { throw cancelled(last, number) }
            number += 1
            switch await attempt(number) {
            case .success(let success):
                return success
            case .failure(let failure, let reason, let retryAfter):
                last = failure
                guard let reason, let delay = policy.delay(retry: number, retryAfter: retryAfter) else {
                    throw givingUp(failure, number)
                }
                await beforeRetry(Retry(failure: failure, reason: reason, number: number, delay: delay))
                do { try await sleep(delay) } catch { throw cancelled(failure, number) }
            }
        }
    }
}
