/// Bounds how many narrator calls are in flight across all trips, so `--concurrency N` means
/// N calls at most even while a long trip drafts its parts in parallel.
actor CallLimiter {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(_ limit: Int) { available = max(limit, 1) }

    /// Waits for a free slot and takes it.
    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Frees the slot `acquire` took, handing it straight to the longest waiter.
    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
