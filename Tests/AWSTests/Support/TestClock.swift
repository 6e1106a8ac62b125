import AWS
import Concurrency
import Foundation
import HTTPClient
import Logging

extension Locked {
    /// The value now, for a test's expectations.
    var current: Value { withLock { $0 } }
}

struct TestClock {
    let time: Locked<Date>
    let sleeps = Locked<[Duration]>([])

    init(_ start: Date = TestSettings.readmeDate) { time = Locked(start) }

    var clock: AWSClock {
        let time = self.time, sleeps = self.sleeps
        return AWSClock(now: { time.current }, sleep: { duration in sleeps.withLock { $0.append(duration) } })
    }

    func advance(by seconds: TimeInterval) { time.withLock { $0 += seconds } }
}

/// A log handler that keeps every message with its metadata, to check what gets logged.
struct CapturingLogHandler: LogHandler {
    let lines: Locked<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock {
            $0.append("\(event.level) \(event.message) \(event.metadata ?? [:]) \(self.metadata) \(event.error.map { "\($0)" } ?? "")")
        }
    }

    /// A logger writing into `lines`.
    static func logger(_ lines: Locked<[String]>) -> Logger {
        Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
    }
}
