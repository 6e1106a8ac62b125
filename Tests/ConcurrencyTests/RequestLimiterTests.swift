import Concurrency
import Testing

/// `RequestLimiter`: never more callers at once than its limit, and a freed slot goes to the
/// caller that waited longest.
@Suite struct RequestLimiterTests {
    @Test(arguments: [1, 2, 5])
    func neverMoreThanTheLimitAtOnce(limit: Int) async {
        let limiter = RequestLimiter(limit)
        let counts = Locked((running: 0, most: 0, done: 0))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    await limiter.run {
                        counts.withLock {
                            $0.running += 1; $0.most = max($0.most, $0.running)
                        }
                        try? await Task.sleep(for: .milliseconds(3))
                        counts.withLock {
                            $0.running -= 1; $0.done += 1
                        }
                    }
                }
            }
        }
        let (running, most, done) = counts.withLock { ($0.running, $0.most, $0.done) }
        #expect(running == 0 && done == 20)
        #expect(most <= limit)
        #expect(most >= min(limit, 2), "callers really overlapped")
    }

    @Test func aFreedSlotGoesToTheLongestWaiter() async {
        let limiter = RequestLimiter(1)
        await limiter.acquire()
        let order = Locked<[Int]>([])
        await withTaskGroup(of: Void.self) { group in
            for caller in 0..<4 {
                group.addTask {
                    await limiter.acquire()
                    order.withLock { $0.append(caller) }
                    await limiter.release()
                }
                // Each caller is waiting before the next one comes.
                while await limiter.waitingCount < caller + 1 { await Task.yield() }
            }
            await limiter.release()
        }
        #expect(order.withLock { $0 } == [0, 1, 2, 3])
    }
}
