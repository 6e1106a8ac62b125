import Concurrency
import Foundation
import Testing

/// `Locked` and `BlockingThread`: exclusive access from many threads, and work that really runs
/// off the cooperative pool.
@Suite struct LockedTests {
    @Test func incrementsFromManyThreadsAreNeverLost() {
        let total = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 {
                total.withLock { value in
                    // A read, a pause and a write: without the lock, threads overwrite each other.
                    let read = value
                    if read % 997 == 0 { sched_yield() }
                    value = read + 1
                }
            }
        }
        #expect(total.withLock { $0 } == 80_000)
    }

    @Test func anErrorThrownInsideLeavesTheLockFree() {
        struct Refused: Error {}
        let value = Locked([1])
        #expect(throws: Refused.self) { try value.withLock { _ in throw Refused() } }
        #expect(
            value.withLock {
                $0.append(2); return $0
            } == [1, 2])
    }

    @Test func blockingWorkRunsOnANamedThreadOfItsOwn() async {
        let seen = await BlockingThread.run(named: "tabi-test-run") {
            // What `top -H` and gdb show: the kernel's name of this thread.
            let comm = try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
            return (comm, Thread.current.stackSize)
        }
        #expect(seen.0 == "tabi-test-run\n", "top -H and gdb show the name")
        #expect(seen.1 >= BlockingThread.stackSize)
    }

    @Test func aLongNameIsCutToWhatLinuxKeepsAtAScalarBoundary() async {
        #expect(NamedThread.shortened("tabi-write-12") == "tabi-write-12")
        #expect(NamedThread.shortened("tabi-press extract writer 1") == "tabi-press extr")
        #expect(NamedThread.shortened("tabi-日本語-writer") == "tabi-日本語-")  // 5 + 9 + 1 bytes
        #expect(NamedThread.shortened("tabi-writers-日本") == "tabi-writers-")  // 13 bytes + 3 for 日
        let comm = await BlockingThread.run(named: "tabi-a-name-far-too-long") {
            try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)
        }
        #expect(comm == "tabi-a-name-far\n", "a name Linux would refuse is cut, not lost")
    }

    @Test func manyBlockedThreadsDoNotStallEachOther() async {
        // Each waits for all the others to start: on the cooperative pool (one thread per core)
        // the later ones could never start and this would hang.
        let started = Locked(0)
        let count = ProcessInfo.processInfo.activeProcessorCount + 3
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<count {
                group.addTask {
                    await BlockingThread.run {
                        started.withLock { $0 += 1 }
                        let deadline = Date().addingTimeInterval(10)
                        while started.withLock({ $0 }) < count, Date() < deadline { usleep(1000) }
                        return started.withLock { $0 } == count
                    }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: count))
    }
}
