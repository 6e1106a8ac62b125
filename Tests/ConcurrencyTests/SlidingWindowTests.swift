import Concurrency
import Synchronization
import Testing

/// `slidingWindow`: every item once, never more than `concurrency` at a time, and no start after
/// `canStart` says no (while what runs still finishes).
@Suite struct SlidingWindowTests {
    final class Gauge: Sendable {
        let counts = Mutex((running: 0, most: 0))
        func enter() {
            counts.withLock {
                $0.running += 1; $0.most = max($0.most, $0.running)
            }
        }
        func leave() { counts.withLock { $0.running -= 1 } }
        var most: Int { counts.withLock { $0.most } }
    }

    @Test(arguments: [1, 3, 8, 50])
    func everyItemRunsOnceWithinTheBound(concurrency: Int) async {
        let gauge = Gauge()
        var seen: [Int: Int] = [:]
        await slidingWindow(20, concurrency: concurrency) { index in
            gauge.enter()
            try? await Task.sleep(for: .milliseconds(2))
            gauge.leave()
            return index * index
        } collect: { index, square in
            seen[index] = square
        }
        #expect(seen == Dictionary(uniqueKeysWithValues: (0..<20).map { ($0, $0 * $0) }))
        #expect(gauge.most <= min(concurrency, 20))
        #expect(gauge.most >= min(concurrency, 2))  // items really overlapped
    }

    @Test func nothingStartsOnceCanStartSaysNoButWhatRunsIsCollected() async {
        var collected: [Int] = []
        await slidingWindow(100, concurrency: 4, canStart: { collected.count < 3 }) { index in
            index
        } collect: { index, _ in
            collected.append(index)
        }
        // Four start at once; the first two finishes each start one more, the third finish none:
        // six run in all, and every one that started is collected.
        #expect(collected.count == 6)
        #expect(Set(collected).count == collected.count)
    }

    @Test func cancelsWhatRunsOnceCanStartSaysNoWhenAsked() async {
        // Item 0 fails at once; the other three sleep for a minute unless cancelled.
        var failed = false
        var outcomes: [Int: Bool] = [:]
        await slidingWindow(10, concurrency: 4, canStart: { !failed }, cancelsRunningWhenStopped: true) { index in
            if index == 0 { return false }
            do { try await Task.sleep(for: .seconds(60)); return true } catch { return false }
        } collect: { index, finishedSleeping in
            outcomes[index] = finishedSleeping
            if index == 0 { failed = true }
        }
        #expect(outcomes.keys.sorted() == [0, 1, 2, 3])  // nothing started after the failure
        // The three sleepers were cancelled: a sleep that ran its minute would return true.
        #expect(outcomes.values.allSatisfy { !$0 })
    }

    @Test func noItemsAndAZeroBoundAreFine() async {
        var count = 0
        await slidingWindow(0, concurrency: 4) {
            $0
        } collect: { _, _ in
            count += 1
        }
        await slidingWindow(3, concurrency: 0) {
            $0
        } collect: { _, _ in
            count += 1
        }
        #expect(count == 3)
    }
}
