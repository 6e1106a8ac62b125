import Foundation
import Logging
import Synchronization

/// A swift-log handler printing one plain line per message to standard error:
/// `warning: <message> key=value ...`. Messages are built by the stages, which never put secrets
/// in them; metadata values named like secrets are masked all the same.
public struct ConsoleLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String, level: Logger.Level) {
        self.label = label
        self.logLevel = level
    }

    /// Installs this handler for every logger of the process, at `level`.
    /// Once per process (swift-log traps on a second bootstrap): a command that runs another
    /// command in-process (`export --bucket` publishes) keeps the first one's level.
    public static func bootstrap(level: Logger.Level) {
        bootstrapped.withLock { done in
            guard !done else { return }
            done = true
            LoggingSystem.bootstrap { ConsoleLogHandler(label: $0, level: level) }
        }
    }

    private static let bootstrapped = Mutex(false)

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        var line = event.level == .info ? "" : "\(event.level): "
        line += event.message.description
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) {
            let shown = Self.isSecret(key) ? "<redacted>" : "\(value)"
            line += " \(key)=\(shown)"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return ["secret", "password", "token", "signature", "authorization", "api-key", "apikey", "api_key"]
            .contains { lower.contains($0) }
    }
}
