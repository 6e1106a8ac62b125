import Build
import Foundation
import Synchronization
import TabiCore
import Testing

/// A stage reports progress as events and draws nothing itself: the command line draws them.
@Suite struct ProgressEventTests {
    @Test func aBuildSendsOneEventPerPhotoBetweenStartAndFinish() async throws {
        let site = try SiteFixture()
        let events = Mutex<[StageEvent]>([])
        var options = site.options()
        options.progress = { event in events.withLock { $0.append(event) } }
        _ = try await SiteBuilder(options: options).build()
        let seen = events.withLock { $0 }
        #expect(seen.first == .started(label: "photos", total: 6))
        #expect(seen.last == .finished)
        let advanced = seen.reduce(0) { total, event in if case .advanced(let count) = event { total + count } else { total } }
        #expect(advanced == 6)
    }
}
