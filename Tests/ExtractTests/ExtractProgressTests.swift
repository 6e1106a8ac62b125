import Extract
import Foundation
import Synchronization
import TabiCore
import Testing

/// Extract reports progress as every stage does: `StageEvent`s the command line draws.
@Suite struct ExtractProgressTests {
    final class Events: Sendable {
        let seen = Mutex<[StageEvent]>([])
        var all: [StageEvent] { seen.withLock { $0 } }
        var progress: StageProgress { { event in self.seen.withLock { $0.append(event) } } }
    }

    @Test func tripsStartOncePlannedAdvanceOneByOneAndFinish() throws {
        let run = try ExtractHarness()
        for name in ["One", "Two", "Three"] { try run.database.post(try run.database.trip(name)) }
        let events = Events()
        _ = try run.extract(progress: events.progress)
        #expect(events.all == [.started(label: "trips", total: 3)] + Array(repeating: .advanced(count: 1), count: 3) + [.finished])
        // A second, incremental run plans nothing to read and still closes what it opened.
        let again = Events()
        _ = try run.extract(changed: true, progress: again.progress)
        #expect(again.all == [.started(label: "trips", total: 0), .finished])
    }
}
