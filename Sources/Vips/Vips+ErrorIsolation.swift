import Foundation

// MARK: - Error isolation

extension Vips {
    /// Runs a unit of libvips work so that, if it fails, its error carries its own libvips text.
    ///
    /// libvips 8.14 keeps a single error buffer for the process (see ``VipsError``): when two
    /// threads fail at once, one may take both messages and the other none. Work wrapped here runs
    /// concurrently with other wrapped work as usual; when it throws, it waits until no other
    /// wrapped work is running, clears the buffer and runs `body` once more on its own, so the
    /// error thrown (or, if the failure was transient, the value returned) is from that clean run.
    ///
    /// `body` must be safe to run twice: it should build everything it uses from its inputs (open
    /// the bytes again, not reuse a half-read image) and write only idempotently. Failures are
    /// rare, so the second run costs nothing in the common case. Nested calls on one thread run
    /// `body` directly. Every throwing call of this wrapper (`VipsInput`, `VipsImage`) runs itself
    /// through here, so no caller can fail outside the gate; wrap larger units (open, decode,
    /// encode) when a failure should rerun them whole.
    public static func isolatingErrors<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        if ErrorIsolation.isInside { return try body() }
        let first: Result<T, E> = ErrorIsolation.shared.shared { () -> Result<T, E> in
            ErrorIsolation.isInside = true
            defer { ErrorIsolation.isInside = false }
            do throws(E) { return .success(try body()) } catch { return .failure(error) }
        }
        if case .success(let value) = first { return value }
        let second: Result<T, E> = ErrorIsolation.shared.exclusive { () -> Result<T, E> in
            ErrorIsolation.isInside = true
            defer { ErrorIsolation.isInside = false }
            VipsError.discardBuffer()
            do throws(E) { return .success(try body()) } catch { return .failure(error) }
        }
        return try second.get()
    }
}

/// A readers–writer gate that lets waiting writers in first, so a diagnosis is never starved by
/// a steady stream of new work.
final class ErrorIsolation: @unchecked Sendable {
    static let shared = ErrorIsolation()

    private let condition = NSCondition()
    private var readers = 0
    private var writersWaiting = 0
    private var writing = false

    func shared<T>(_ body: () -> T) -> T {
        condition.lock()
        while writersWaiting > 0 || writing { condition.wait() }
        readers += 1
        condition.unlock()
        defer {
            condition.lock()
            readers -= 1
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }

    func exclusive<T>(_ body: () -> T) -> T {
        condition.lock()
        writersWaiting += 1
        while readers > 0 || writing { condition.wait() }
        writersWaiting -= 1
        writing = true
        condition.unlock()
        defer {
            condition.lock()
            writing = false
            condition.broadcast()
            condition.unlock()
        }
        return body()
    }

    /// Whether this thread is inside wrapped work (nested calls must not wait on themselves).
    static var isInside: Bool {
        get { Thread.current.threadDictionary[key] as? Bool ?? false }
        set { Thread.current.threadDictionary[key] = newValue }
    }

    private static let key = "tabi.vips.error-isolation"
}
