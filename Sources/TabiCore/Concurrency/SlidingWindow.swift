/// Runs `work(0)`, `work(1)`, … `work(count - 1)` as child tasks, at most `concurrency` at once (a
/// sliding window over a task group: each finish lets the next one start), and hands each result to
/// `collect` on the caller's task, in the order they finish. `canStart` is asked before each start;
/// once it says no, nothing more starts, and what is running still finishes and is collected.
public func slidingWindow<Result: Sendable>(
    _ count: Int, concurrency: Int, canStart: () -> Bool = { true },
    work: @escaping @Sendable (Int) async -> Result, collect: (Int, Result) -> Void
) async {
    await withTaskGroup(of: (Int, Result).self) { group in
        var next = 0
        func startNext() -> Bool {
            guard next < count, canStart() else { return false }
            let index = next
            next += 1
            group.addTask { (index, await work(index)) }
            return true
        }
        while next < max(concurrency, 1), startNext() {}
        while let (index, result) = await group.next() {
            collect(index, result)
            _ = startNext()
        }
    }
}
