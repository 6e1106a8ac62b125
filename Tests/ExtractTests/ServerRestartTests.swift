import Extract
import Foundation
import PostgresClient
import TabiCore
import Testing

/// The server going away mid-run (a restart, a failover: every connection of the run is cut)
/// stops the run with one clear error and a half-written `Content/` that the next run completes:
/// every file is whole, and the next run converges to what a clean run gives.
@Suite struct ServerRestartTests {
    @Test(arguments: [true, false])
    func connectionsCutMidRunFailClearlyAndTheNextRunConverges(parallel: Bool) throws {
        let run = try ExtractHarness()
        let db = run.database
        var trips: [String] = []
        for index in 0..<40 {
            let trip = try db.trip("Trip \(index)", createdAt: String(format: "2024-01-01T00:00:%02dZ", index))
            for day in 1...3 { try db.photo(try db.post(trip, at: "2024-11-0\(day)T09:00:00Z", content: "Day \(day)"), trip: trip) }
            trips.append(trip)
        }
        // The run's connections (and only those: the server is shared with every other test) are
        // cut between planning and reading, as a restart would.
        let cut = {
            let admin = try! Connection(db.url)
            _ = try! admin.query(
                """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE application_name = 'tabi-press extract' AND datname = current_database()
                """, operation: "cut the run's connections")
        }
        #expect {
            try run.extract(batchSize: 5, parallel: parallel, afterPlanning: cut)
        } throws: { error in
            let text = String(describing: error)
            return text.contains("terminat") || text.contains("connection") || text.contains("server")
        }
        // Whatever was written is whole.
        for slug in try run.slugs() { _ = try run.trip(slug) }

        let report = try run.extract(batchSize: 5, parallel: parallel)
        #expect(report.exitCode == 0 && report.failed.isEmpty)
        #expect(Set(try run.slugs().map { try run.trip($0).id }) == Set(trips))
        let again = try run.extract(changed: true)
        #expect(again.written.isEmpty && again.unchanged.count == trips.count)
    }
}
