import Foundation

/// Runs a ``TripWriter`` on a thread of its own, fed through a bounded hand-off, so encoding and
/// writing one trip overlaps with reading the next ones from the database.
///
/// The database connection stays on the caller's thread (libpq allows one thread per connection);
/// only finished, immutable trips cross over. At most `capacity` trips wait, so memory stays bounded
/// however fast the database is. ``finish()`` joins the thread: nothing outlives the run.
final class WritingThread: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [(SourceTrip, ExtractPlan.Item)] = []
    private var closed = false
    private var done = false
    private var report = ExtractReport()

    private let writer: TripWriter
    private let capacity: Int

    init(_ writer: TripWriter, capacity: Int = 8) {
        self.writer = writer
        self.capacity = max(capacity, 1)
        let thread = Thread { [self] in drain() }
        thread.name = "tabi-press extract writer"
        thread.start()
    }

    /// Queues a trip for writing; waits while `capacity` trips are already waiting.
    func submit(_ trip: SourceTrip, as item: ExtractPlan.Item) {
        condition.lock()
        while queue.count >= capacity { condition.wait() }
        queue.append((trip, item))
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every queued trip is written; returns what the writer did.
    func finish() -> ExtractReport {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        let result = report
        condition.unlock()
        return result
    }

    private func drain() {
        var written = ExtractReport()
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                report = written
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let (trip, item) = queue.removeFirst()
            condition.broadcast()
            condition.unlock()
            writer.write(trip, as: item, into: &written)
        }
    }
}
