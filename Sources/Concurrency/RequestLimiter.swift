/// At most a given number of callers at a time (model calls, requests to a store); the others
/// wait in the order they came, and a freed slot goes straight to the longest waiter.
public actor RequestLimiter {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// `limit` slots, at least one.
    public init(_ limit: Int) { available = max(limit, 1) }

    /// Waits for a free slot and takes it.
    public func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives back the slot `acquire` took, to the longest waiter first.
    public func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }

    /// How many callers are waiting for a slot.
    package var waitingCount: Int { waiting.count }

    /// Runs `body` in a slot.
    public func run<T: Sendable, E: Error>(_ body: @Sendable () async throws(E) -> T) async throws(E) -> T {
        await acquire()
        defer { release() }
        return try await body()
    }
}
