import Foundation
import HTTPClient
import Testing

/// The policy (backoff with full jitter, `Retry-After`), the HTTP classifier and `Retry-After`
/// parsing that every retry of tabi-press goes through.
@Suite struct RetryPolicyTests {
    @Test func connectionFailuresAreRetryableButInvalidRequestsAreNot() {
        for kind in [HTTPError.Kind.nameResolution, .connectionRefused, .connectFailed, .tlsHandshake, .timeout, .connectionLost] {
            #expect(HTTPRetryClassifier.classify(HTTPError(kind: kind, method: "GET", host: "h")) == .connection)
        }
        for kind in [HTTPError.Kind.invalidRequest, .tlsCertificate, .bodyUnreadable, .responseTooLarge, .cancelled, .other] {
            #expect(HTTPRetryClassifier.classify(HTTPError(kind: kind, method: "GET", host: "h")) == nil)
        }
    }

    @Test func fullJitterStaysWithinTheExponentialCeilingAndTheCap() {
        for random in [0.0, 0.25, 0.999_999] {
            let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(200), maxDelay: .seconds(5), random: { random })
            for retry in 1...12 {
                let ceiling = min(Duration.seconds(5), .milliseconds(200) * (1 << (retry - 1)))
                let delay = policy.backoff(retry: retry)
                #expect(delay >= .zero && delay <= ceiling)
                #expect(delay == ceiling * random)
            }
        }
        let outOfRange = RetryPolicy(baseDelay: .seconds(1), random: { 7 })
        #expect(outOfRange.backoff(retry: 1) == .seconds(1))
    }

    @Test func delayStopsAtMaxAttemptsAndHonoursRetryAfter() {
        let policy = RetryPolicy(maxAttempts: 3, maxRetryAfter: .seconds(30), random: { 0.5 })
        #expect(policy.delay(retry: 1, retryAfter: nil) == .milliseconds(500))
        #expect(policy.delay(retry: 2, retryAfter: nil) == .seconds(1))
        #expect(policy.delay(retry: 3, retryAfter: nil) == nil)
        #expect(policy.delay(retry: 1, retryAfter: .seconds(12)) == .seconds(12))
        #expect(policy.delay(retry: 1, retryAfter: .seconds(31)) == nil)
        #expect(RetryPolicy.never.delay(retry: 1, retryAfter: nil) == nil)
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.delay(in: [("Retry-After", "3")], now: now) == .seconds(3))
        #expect(RetryAfter.delay(in: [("retry-after", "1.5")], now: now) == .milliseconds(1500))
        #expect(RetryAfter.delay(in: [("Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT")], now: now) == .seconds(10))
        #expect(RetryAfter.delay(in: [("Retry-After", "Sun, 06 Nov 1994 08:49:00 GMT")], now: now) == .zero)
        #expect(RetryAfter.delay(in: [("Retry-After", "soon")], now: now) == nil)
        #expect(RetryAfter.delay(in: [:], now: now) == nil)
    }

    /// A service (or anything between it and us) may send any text: nothing it sends may trap the
    /// conversion to a duration, and a wait too long to honour fails the request instead.
    @Test(arguments: ["1e300", "1.7976931348623157e308", "9223372036854775807", "99999999999999999999", "86401"])
    func anAbsurdRetryAfterIsClampedAndThenRefusedByThePolicy(value: String) throws {
        let now = Date(timeIntervalSince1970: 784_111_777)
        let delay = try #require(RetryAfter.delay(in: [("Retry-After", value)], now: now))
        #expect(delay == RetryAfter.longest)
        #expect(RetryPolicy.batch.delay(retry: 1, retryAfter: delay) == nil)
        #expect(RetryAfter.delay(in: [("Retry-After", "Fri, 31 Dec 9999 23:59:59 GMT")], now: now) == RetryAfter.longest)
    }

    @Test(arguments: ["-1", "-1e300", "nan", "inf", "-inf", "1e", "garbage", "in a while", " "])
    func anUnreadableOrNegativeRetryAfterIsIgnored(value: String) {
        let now = Date(timeIntervalSince1970: 784_111_777)
        #expect(RetryAfter.delay(in: [("Retry-After", value)], now: now) == nil)
    }
}
