import HTTPClient
import Synchronization
import Testing

/// `RetryLoop`: attempts until success, a failure not worth retrying, the policy's end or a
/// cancellation, with the policy's waits and the caller's hook before each retry.
@Suite struct RetryLoopTests {
    struct Failed: Error, Equatable {
        var attempt: Int
        var note = ""
    }

    /// Records the waits instead of waiting.
    final class Waits: Sendable {
        let recorded = Mutex<[Duration]>([])
        var all: [Duration] { recorded.withLock { $0 } }
        func sleep(_ duration: Duration) async throws { recorded.withLock { $0.append(duration) } }
    }

    static let policy = RetryPolicy(
        maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(3), maxRetryAfter: .seconds(10), random: { 1 })

    @Test func retriesUntilSuccessWaitingAsThePolicySaysOrAsTheAnswerAsks() async throws {
        let waits = Waits()
        var retries: [(Int, RetryReason, Duration)] = []
        let result = try await RetryLoop(policy: Self.policy, sleep: waits.sleep).run { attempt async -> AttemptResult<String, Failed> in
            switch attempt {
            case 1: .failure(Failed(attempt: 1), retry: .throttled)
            case 2: .failure(Failed(attempt: 2), retry: .transient, retryAfter: .seconds(7))
            case 3: .failure(Failed(attempt: 3), retry: .connection)
            default: .success("answer \(attempt)")
            }
        } beforeRetry: { retry in
            retries.append((retry.number, retry.reason, retry.delay))
        } cancelled: { _, attempts in
            Failed(attempt: attempts, note: "cancelled")
        }
        #expect(result == "answer 4")
        #expect(waits.all == [.seconds(1), .seconds(7), .seconds(3)])  // backoff 1, Retry-After 7, backoff capped at 3
        #expect(retries.map(\.0) == [1, 2, 3])
        #expect(retries.map(\.1) == [.throttled, .transient, .connection])
    }

    @Test func aFailureNotWorthRetryingEndsAtOnceAndTheLastAttemptEndsTheLoop() async {
        let waits = Waits()
        let loop = RetryLoop(policy: Self.policy, sleep: waits.sleep)
        await #expect(throws: Failed(attempt: 1)) {
            try await loop.run { attempt async -> AttemptResult<Int, Failed> in
                .failure(Failed(attempt: attempt), retry: nil)
            } cancelled: { _, attempts in
                Failed(attempt: attempts, note: "cancelled")
            }
        }
        await #expect(throws: Failed(attempt: 4, note: "gave up after 4")) {
            try await loop.run { attempt async -> AttemptResult<Int, Failed> in
                .failure(Failed(attempt: attempt), retry: .transient)
            } cancelled: { _, attempts in
                Failed(attempt: attempts, note: "cancelled")
            } givingUp: { failure, attempts in
                Failed(attempt: failure.attempt, note: "gave up after \(attempts)")
            }
        }
        #expect(waits.all == [.seconds(1), .seconds(2), .seconds(3)])
        // A wait longer than the policy honours fails the request instead of stalling the batch.
        await #expect(throws: Failed(attempt: 1)) {
            try await loop.run { attempt async -> AttemptResult<Int, Failed> in
                .failure(Failed(attempt: attempt), retry: .throttled, retryAfter: .seconds(11))
            } cancelled: { _, attempts in
                Failed(attempt: attempts, note: "cancelled")
            }
        }
    }

    @Test func aCancelledWaitEndsTheLoopWithTheCallersError() async {
        let refusingSleep = RetryLoop(policy: Self.policy, sleep: { _ in throw CancellationError() })
        await #expect(throws: Failed(attempt: 1, note: "cancelled after 1, last 1")) {
            try await refusingSleep.run { attempt async -> AttemptResult<Int, Failed> in
                .failure(Failed(attempt: attempt), retry: .transient)
            } cancelled: { last, attempts in
                Failed(attempt: attempts, note: "cancelled after \(attempts), last \(last?.attempt ?? 0)")
            }
        }
    }

    @Test func aCancelledTaskMakesNoAttempt() async {
        let attempts = Mutex(0)
        let started = Mutex(false)
        let task = Task {
            // Wait (without the loop) until cancel() has surely reached this task.
            while !Task.isCancelled { await Task.yield() }
            started.withLock { $0 = true }
            return try await RetryLoop(policy: Self.policy).run { _ async -> AttemptResult<Int, Failed> in
                attempts.withLock { $0 += 1 }
                return .success(1)
            } cancelled: { _, made in
                Failed(attempt: made, note: "cancelled")
            }
        }
        task.cancel()
        let result = await task.result
        #expect(started.withLock { $0 })
        #expect(throws: Failed(attempt: 0, note: "cancelled")) { try result.get() }
        #expect(attempts.withLock { $0 } == 0)
    }

    @Test func everyPollsAtAFixedIntervalForItsTotalAndImmediatelyNeverWaits() {
        let poll = RetryPolicy.every(.seconds(20), for: .seconds(65))
        #expect(poll.maxAttempts == 4)  // the first ask and three more, 20 s apart
        #expect((1...3).map { poll.delay(retry: $0, retryAfter: nil) } == [.seconds(20), .seconds(20), .seconds(20)])
        #expect(poll.delay(retry: 4, retryAfter: nil) == nil)
        #expect(RetryPolicy.every(.seconds(20), for: .seconds(10)).maxAttempts == 1)
        let now = RetryPolicy.immediately(attempts: 3)
        #expect((1...2).map { now.delay(retry: $0, retryAfter: nil) } == [.zero, .zero])
        #expect(now.delay(retry: 3, retryAfter: nil) == nil)
    }
}
