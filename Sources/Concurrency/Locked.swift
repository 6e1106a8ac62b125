import Foundation

/// A value guarded by a lock, for the little state shared between threads and tasks (the
/// client's handles, a run's call counts and token totals).
///
/// A class, unlike `Synchronization.Mutex`, can be captured by escaping closures and tasks.
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
