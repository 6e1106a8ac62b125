import Foundation

/// The preview's builds as the browser hears of them: a number that goes up with every build,
/// the failures of the last one, and the pages listening for the next (server-sent events).
actor PreviewBuilds {
    private(set) var generation = 0
    private(set) var failures: [String] = []
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]

    /// A build finished: every open page hears `reload`, and once reloaded, hears of the
    /// build's failures when it subscribes again.
    func finished(failures: [String]) {
        generation += 1
        self.failures = failures
        for listener in listeners.values { listener.yield(Self.event("reload", "\(generation)")) }
    }

    /// The events for one open page, starting with where the builds are now.
    func subscribe() -> AsyncStream<String> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(8))
        continuation.yield(Self.event("hello", "\(generation)"))
        if !failures.isEmpty { continuation.yield(Self.event("failed", failures.joined(separator: "\n"))) }
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        listeners[id] = nil
    }

    /// Ends every stream (the server is stopping).
    func close() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }

    /// One server-sent event; every line of `data` gets its own `data:` field, so no text can
    /// end the event or start another.
    static func event(_ name: String, _ data: String) -> String {
        let lines = data.unicodeScalars.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" }
            .map { "data: " + String(String.UnicodeScalarView($0)) }
        return "event: \(name)\n" + lines.joined(separator: "\n") + "\n\n"
    }
}
