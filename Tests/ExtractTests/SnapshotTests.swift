import Extract
import Foundation
import PostgresClient
import TabiCore
import Testing

/// A run reads one snapshot: changes committed while it runs are not half seen, whichever
/// connections the streams use and whenever they open.
@Suite struct SnapshotTests {
    @Test(arguments: [(changed: false, parallel: true), (changed: true, parallel: true), (changed: false, parallel: false)])
    func changesCommittedDuringARunWaitForTheNextOne(_ mode: (changed: Bool, parallel: Bool)) throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Steady")
        let post = try db.post(trip, content: "Before.")
        try db.photo(post, trip: trip, caption: "Old caption")
        if mode.changed { try run.extract() }
        try db.run("UPDATE travel_posts SET updated_at = now(), content = 'Before, again.' WHERE id = $1", [post])

        var newcomer = ""
        let report = try run.extract(changed: mode.changed, parallel: mode.parallel) {
            // Another session commits while the run is between planning and reading.
            let other = try! Connection(db.url)
            _ = try! other.query("UPDATE travel_posts SET content = 'After.' WHERE id = $1", [post], operation: "edit")
            _ = try! other.query("UPDATE post_photos SET caption = 'New caption' WHERE post_id = $1", [post], operation: "edit")
            newcomer = UUID().uuidString.lowercased()
            _ = try! other.query(
                """
                INSERT INTO travels (id, user_id, title, visibility) SELECT $1, user_id, 'Newcomer', 'public'
                FROM travels WHERE id = $2
                """, [newcomer, trip], operation: "add")
        }

        let extracted = try #require(try run.trip(id: trip))
        #expect(extracted.posts.first?.content == "Before, again.")
        #expect(extracted.photos.first?.caption == "Old caption")
        #expect(try run.trip(id: newcomer) == nil)
        #expect(report.failed.isEmpty && report.problems.isEmpty)

        let next = try run.extract(changed: true)
        #expect(Set(next.written.map(\.id)) == [trip, newcomer])
        #expect(try run.trip(id: trip)?.photos.first?.caption == "New caption")
    }
}
