import Foundation

/// A value guarded by a lock, for the little state the client shares between threads.
///
/// `Synchronization.Mutex` would do, but it needs macOS 15 and the package still builds for 14.
final class Locked<Value>: @unchecked Sendable {
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
