import Foundation

/// Runs a ``TripWriter`` on a thread of its own, fed through a bounded hand-off, so writing one
/// trip's file overlaps with reading and encoding the next ones.
///
/// The database connection stays on the caller's thread (libpq allows one thread per connection);
/// only encoded trips cross over, and their buffers come back to be used again, so a run allocates
/// a handful of them however many trips there are, and no memory made on one thread is freed on
/// the other (which made the allocator's locks contended). At most `capacity` trips are in flight.
///
/// The threads hand over in batches: the writer sleeps until half the capacity is waiting (or the
/// reader is blocked, or it is the end), then takes all of it at once; the reader is only woken
/// when it waits for room. A few hundred wake-ups a run, rather than some for every trip.
/// ``finish()`` joins the thread: nothing outlives the run.
final class WritingThread: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var queue: [EncodedTrip] = []
    private var spare: [[UInt8]] = []
    private var inFlight = 0
    private var closed = false
    private var done = false
    private var writerWaits = false
    private var readerWaits = false
    private var report = ExtractReport()

    private let writer: TripWriter
    private let capacity: Int
    private let batch: Int

    init(_ writer: TripWriter, capacity: Int = 8) {
        self.writer = writer
        self.capacity = max(capacity, 1)
        batch = max(self.capacity / 2, 1)
        let thread = Thread { [self] in drain() }
        thread.name = "tabi-press extract writer"
        thread.start()
    }

    /// Queues a trip for writing; waits while `capacity` trips are in flight. Returns an empty
    /// buffer to encode the next trip into: one the writer is done with, when there is one.
    func submit(_ trip: EncodedTrip) -> [UInt8] {
        condition.lock()
        defer { condition.unlock() }
        while inFlight >= capacity {
            readerWaits = true
            if writerWaits { condition.signal() }
            condition.wait()
        }
        readerWaits = false
        queue.append(trip)
        inFlight += 1
        if writerWaits, queue.count >= batch { condition.signal() }
        return spare.popLast() ?? []
    }

    /// Waits until every queued trip is written; returns what the writer did.
    func finish() -> ExtractReport {
        condition.lock()
        closed = true
        if writerWaits { condition.signal() }
        while !done { condition.wait() }
        let result = report
        condition.unlock()
        return result
    }

    private func drain() {
        var written = ExtractReport()
        var buffers: [[UInt8]] = []
        condition.lock()
        while true {
            while !closed && (queue.isEmpty || queue.count < batch && !readerWaits) {
                writerWaits = true
                condition.wait()
            }
            writerWaits = false
            if queue.isEmpty {
                report = written
                done = true
                condition.signal()
                condition.unlock()
                return
            }
            var taken: [EncodedTrip] = []
            swap(&taken, &queue)
            condition.unlock()

            for trip in taken {
                writer.write(trip, into: &written)
                buffers.append(trip.bytes)
            }
            let count = taken.count
            taken = []

            condition.lock()
            spare += buffers
            buffers.removeAll(keepingCapacity: true)
            inFlight -= count
            if readerWaits { condition.signal() }
        }
    }
}
