import Foundation

/// The time and the waiting the client does, injectable so tests control both.
public struct AWSClock: Sendable {
    /// The current time (signatures, credential expiry, `Retry-After` dates).
    public var now: @Sendable () -> Date
    /// Waits before a retry; throws `CancellationError` when the task is cancelled.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The system clock and `Task.sleep`.
    public static let system = AWSClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) })
}
