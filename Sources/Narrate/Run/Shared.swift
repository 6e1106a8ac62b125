import Foundation

/// A value several tasks update (call counts, token totals), guarded by a lock.
///
/// `Synchronization.Mutex` is not copyable and needs macOS 15; a class around a lock is neither.
final class Shared<Value: Sendable>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
