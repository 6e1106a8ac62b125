/// Runs `work(0)`, `work(1)`, … `work(count - 1)` as child tasks, at most `concurrency` at once (a
/// sliding window over a task group: each finish lets the next one start), and hands each result to
/// `collect` on the caller's task, in the order they finish. `canStart` is asked before each start;
/// once it says no, nothing more starts, and what is running still finishes and is collected
/// (`cancelsRunningWhenStopped` false) or is cancelled and then collected (true: for work whose
/// results are worthless after a failure, such as the model calls of one trip).
public func slidingWindow<Result: Sendable>(
    _ count: Int, concurrency: Int, canStart: () -> Bool = { true }, cancelsRunningWhenStopped: Bool = false,
    work: @escaping @Sendable (Int) async -> Result, collect: (Int, Result) -> Void
) async {
    await withTaskGroup(of: IndexedResult<Result>.self) { group in
        var next = 0
        func startNext() -> Bool {
            guard next < count, canStart() else { return false }
            let index = next
            next += 1
            group.addTask { IndexedResult(index: index, value: await work(index)) }
            return true
        }
        while next < max(concurrency, 1), startNext() {}
        while let finished = await group.next() {
            collect(finished.index, finished.value)
            if !startNext(), cancelsRunningWhenStopped, !canStart() { group.cancelAll() }
        }
    }
}

/// What a child task of a task group hands back: its item's index and its value.
///
/// A named struct, never a tuple: Swift 6.3.1's optimiser (`-O`, Linux x86_64) reads the `Int` of
/// a child result shaped `(Int, Result<String, E>)` from the wrong bits, so the index comes back as
/// garbage and the caller traps (`../shared/repro/taskgroup-tuple.swift`; the same struct shape
/// runs correctly). Every task group in tabi-press returns this or another named type.
public struct IndexedResult<Value: Sendable>: Sendable {
    public var index: Int
    public var value: Value

    public init(index: Int, value: Value) {
        self.index = index
        self.value = value
    }
}
