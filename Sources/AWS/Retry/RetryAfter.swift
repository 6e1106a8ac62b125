import Foundation

/// The `Retry-After` header: a number of seconds, or an HTTP date.
public enum RetryAfter {
    /// The longest wait read from the header (a year): any longer value reads as this one. It
    /// is far past ``AWSRetryPolicy/maxRetryAfter`` either way, and keeps the conversion to
    /// whole milliseconds from overflowing (`Retry-After: 1e300` would trap in `Int(_:)`).
    public static let longest: Duration = .seconds(longestSeconds)
    private static let longestSeconds = 365 * 86_400

    /// The wait a response asks for, relative to `now`, at most ``longest``; `nil` when absent
    /// or unreadable.
    public static func delay(in headers: HTTPHeaders, now: Date) -> Duration? {
        guard let value = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            return milliseconds(seconds)
        }
        guard let date = httpDate(value) else { return nil }
        return milliseconds(max(date.timeIntervalSince(now), 0))
    }

    /// `seconds` (finite, not negative) as whole milliseconds, clamped to ``longest`` before
    /// the conversion.
    private static func milliseconds(_ seconds: Double) -> Duration {
        .milliseconds(Int(min(seconds, Double(longestSeconds)) * 1000))
    }

    /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110 requires senders to use.
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
