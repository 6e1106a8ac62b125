import Concurrency
import Foundation

/// Runs a ``TripWriter`` on a few threads of their own, fed through a bounded hand-off, so
/// decoding, hashing, encoding and writing trips overlap with reading the next ones from the
/// database, on as many cores as there are (up to four).
///
/// The database connections stay on the caller's thread (libpq allows one thread per
/// connection), which only groups the rows of each trip; the rows cross over in place, in the
/// immutable results libpq made, and come back once written, to be dropped on the thread that
/// made them (memory made on one thread and freed on another made the allocator's locks
/// contended). At most `capacity` trips are in flight, so memory stays bounded however fast the
/// database is.
///
/// Trips are handed over in batches: a writer sleeps until a batch is waiting (or the reader is
/// blocked, or it is the end) and takes it whole. What each trip did is merged in the order the
/// trips were read, so a report does not depend on which thread wrote what. ``finish()`` joins
/// the threads: nothing outlives the run.
final class WritingThreads: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [(sequence: Int, rows: TripRows, item: ExtractPlan.Item)] = []
    private var written: [TripRows] = []
    private var reports: [(sequence: Int, report: ExtractReport)] = []
    private var submitted = 0
    private var inFlight = 0
    private var closed = false
    private var running: Int
    private var idle = 0
    private var readerWaits = false

    private let writer: TripWriter
    private let capacity: Int
    private let batch: Int

    /// `threads` nil: one per core, from one to four.
    init(_ writer: TripWriter, threads: Int? = nil, capacity: Int = 8) {
        self.writer = writer
        let count = max(threads ?? min(ProcessInfo.processInfo.activeProcessorCount, 4), 1)
        self.capacity = max(capacity, 2 * count)
        batch = max(self.capacity / (2 * count), 1)
        running = count
        for index in 0..<count {
            NamedThread.start(named: "tabi-write-\(index + 1)") { [self] in drain() }
        }
    }

    /// Queues a trip for writing; waits while `capacity` trips are in flight. Returns the rows of
    /// a trip written since, whose storage the next one can use (``TripStream/next(reusing:)``).
    func submit(_ rows: TripRows, as item: ExtractPlan.Item) -> TripRows? {
        condition.lock()
        while inFlight >= capacity {
            readerWaits = true
            if idle > 0 { condition.broadcast() }
            condition.wait()
        }
        readerWaits = false
        queue.append((submitted, rows, item))
        submitted += 1
        inFlight += 1
        if idle > 0, queue.count >= batch { condition.broadcast() }
        var done: [TripRows] = []
        swap(&done, &written)
        condition.unlock()
        return done.popLast()  // the others are dropped here, on the thread that made them
    }

    /// Waits until every queued trip is written; returns what the writers did, trip by trip in
    /// the order they were read.
    func finish() -> ExtractReport {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        written = []
        let done = reports.sorted { $0.sequence < $1.sequence }
        reports = []
        condition.unlock()
        var report = ExtractReport()
        for part in done { report.merge(part.report) }
        return report
    }

    private func drain() {
        var workspace = TripWorkspace()
        var taken: [(sequence: Int, rows: TripRows, item: ExtractPlan.Item)] = []
        var done: [(sequence: Int, report: ExtractReport)] = []
        condition.lock()
        while true {
            while !closed && (queue.isEmpty || queue.count < batch && !readerWaits) {
                idle += 1
                condition.wait()
                idle -= 1
            }
            if queue.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let count = min(queue.count, batch)
            taken.append(contentsOf: queue[..<count])
            queue.removeFirst(count)
            condition.unlock()

            for trip in taken {
                var report = ExtractReport()
                writer.write(trip.rows, as: trip.item, into: &report, workspace: &workspace)
                done.append((trip.sequence, report))
            }

            condition.lock()
            reports += done
            written += taken.lazy.map(\.rows)
            inFlight -= taken.count
            taken.removeAll(keepingCapacity: true)
            done.removeAll(keepingCapacity: true)
            if readerWaits || !queue.isEmpty { condition.broadcast() }
        }
    }
}
