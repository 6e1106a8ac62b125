import Foundation

/// What a client has done so far, for run reports.
public struct AWSClientMetrics: Sendable, Hashable, CustomStringConvertible {
    /// Calls to ``AWSClient/send(_:)``.
    public var requests = 0
    /// HTTP requests sent, retries included.
    public var attempts = 0
    /// Attempts that were retries.
    public var retries = 0
    /// Retries because the service throttled.
    public var throttled = 0
    /// Calls that failed after all their attempts.
    public var failures = 0

    public init() {}

    public var description: String {
        "\(requests) requests, \(attempts) attempts, \(retries) retries (\(throttled) throttled), \(failures) failed"
    }
}
