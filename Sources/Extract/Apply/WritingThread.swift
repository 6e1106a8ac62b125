import Foundation

/// Runs a ``TripWriter`` on a thread of its own, fed through a bounded hand-off, so hashing,
/// encoding and writing one trip overlap with reading the next ones from the database.
///
/// The database connection stays on the caller's thread (libpq allows one thread per connection);
/// only finished, immutable trips cross over. Written trips come back to be dropped on the
/// caller's thread, which made them, and the buffer their rows' text was collected in is used
/// again: memory made on one thread and freed on the other made the allocator's locks contended.
/// At most `capacity` trips are in flight, so memory stays bounded however fast the database is.
///
/// The threads hand over in batches: the writer sleeps until a quarter of the capacity is waiting (or the
/// reader is blocked, or it is the end), then takes all of it at once; the reader is only woken
/// when it waits for room. A few hundred wake-ups a run, rather than some for every trip.
/// ``finish()`` joins the thread: nothing outlives the run.
final class WritingThread: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [(SourceTrip, ExtractPlan.Item)] = []
    private var written: [SourceTrip] = []
    private var inFlight = 0
    private var closed = false
    private var done = false
    private var writerWaits = false
    private var readerWaits = false
    private var report = ExtractReport()

    private let writer: TripWriter
    private let capacity: Int
    private let batch: Int

    init(_ writer: TripWriter, capacity: Int = 16) {
        self.writer = writer
        self.capacity = max(capacity, 2)
        batch = max(self.capacity / 4, 1)
        let thread = Thread { [self] in drain() }
        thread.name = "tabi-press extract writer"
        thread.start()
    }

    /// Queues a trip for writing; waits while `capacity` trips are in flight. Returns a trip
    /// written since, whose storage the next one can use (``TripStream/next(reusing:)``).
    func submit(_ trip: SourceTrip, as item: ExtractPlan.Item) -> SourceTrip? {
        condition.lock()
        while inFlight >= capacity {
            readerWaits = true
            if writerWaits { condition.signal() }
            condition.wait()
        }
        readerWaits = false
        queue.append((trip, item))
        inFlight += 1
        if writerWaits, queue.count >= batch { condition.signal() }
        var done: [SourceTrip] = []
        swap(&done, &written)
        condition.unlock()

        return done.popLast()  // the others are dropped here, on the thread that made them
    }

    /// Waits until every queued trip is written; returns what the writer did.
    func finish() -> ExtractReport {
        condition.lock()
        closed = true
        if writerWaits { condition.signal() }
        while !done { condition.wait() }
        let result = report
        written = []
        condition.unlock()
        return result
    }

    private func drain() {
        var report = ExtractReport()
        var buffer: [UInt8] = []
        var taken: [(SourceTrip, ExtractPlan.Item)] = []
        condition.lock()
        while true {
            while !closed && (queue.isEmpty || queue.count < batch && !readerWaits) {
                writerWaits = true
                condition.wait()
            }
            writerWaits = false
            if queue.isEmpty {
                self.report = report
                done = true
                condition.signal()
                condition.unlock()
                return
            }
            swap(&taken, &queue)
            condition.unlock()

            for (trip, item) in taken { writer.write(trip, as: item, into: &report, buffer: &buffer) }

            condition.lock()
            written += taken.lazy.map(\.0)
            inFlight -= taken.count
            taken.removeAll(keepingCapacity: true)
            if readerWaits { condition.signal() }
        }
    }
}
