import AWS
import Foundation
import Logging

/// A value several tasks may read and change in a test.
final class TestBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func with<T>(_ body: (inout Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }

    var current: Value { with { $0 } }
}

/// A clock whose time the test sets and whose sleeps are recorded instead of waited.
struct TestClock {
    let time: TestBox<Date>
    let sleeps = TestBox<[Duration]>([])

    init(_ start: Date = TestSettings.readmeDate) { time = TestBox(start) }

    var clock: AWSClock {
        let time = self.time, sleeps = self.sleeps
        return AWSClock(now: { time.current }, sleep: { duration in sleeps.with { $0.append(duration) } })
    }

    func advance(by seconds: TimeInterval) { time.with { $0 += seconds } }
}

/// A log handler that keeps every message with its metadata, to check what gets logged.
struct CapturingLogHandler: LogHandler {
    let lines: TestBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.with { $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(self.metadata) \(event.error.map { "\($0)" } ?? "")") }
    }

    /// A logger writing into `lines`.
    static func logger(_ lines: TestBox<[String]>) -> Logger {
        Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
    }
}
