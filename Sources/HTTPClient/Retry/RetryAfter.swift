import Foundation

/// The `Retry-After` header: a number of seconds, or an HTTP date.
public enum RetryAfter {
    /// The longest wait read from a header; a longer one reads as this. A day is more than any
    /// ``RetryPolicy/maxRetryAfter`` honours, so the policy still refuses it (the request
    /// fails instead of stalling the batch), and the conversion to whole milliseconds cannot
    /// overflow (`Int(1e300 * 1000)` traps).
    public static let longest: Duration = .seconds(86_400)

    /// The wait a response asks for, relative to `now`; `nil` when absent or unreadable.
    public static func delay(in headers: HTTPHeaders, now: Date) -> Duration? {
        guard let value = headers["Retry-After"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds.isFinite, seconds >= 0 {
            return clamped(seconds)
        }
        guard let date = httpDate(value) else { return nil }
        return clamped(max(date.timeIntervalSince(now), 0))
    }

    /// `seconds` (finite, not negative) as a duration of at most ``longest``.
    private static func clamped(_ seconds: TimeInterval) -> Duration {
        let limit = Double(longest.components.seconds)
        return .milliseconds(Int(min(seconds, limit) * 1000))
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
