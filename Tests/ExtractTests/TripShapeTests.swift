import Extract
import Foundation
import TabiCore
import Testing

/// Trips of every shape extract: posts in every year partition, empty trips, dangling references,
/// and rows with values that cannot be used.
@Suite struct TripShapeTests {
    @Test func postsFromEveryPartitionAreReadOldestFirst() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Ten years of travel")
        // 2019 and 2031 fall in the default partition; 2024-2026 in the yearly ones.
        let times = [
            "2031-02-03T04:05:06.789Z", "2024-12-31T23:59:59.999999Z", "2019-06-01T00:00:00Z",
            "2026-01-01T00:00:00Z", "2025-07-14T12:00:00+02:00",
        ]
        var posts: [String: String] = [:]
        for time in times { posts[try db.post(trip, at: time, title: time)] = time }
        let partitions = try db.run(
            """
            SELECT tableoid::regclass::text FROM travel_posts WHERE travel_id = $1 GROUP BY 1 ORDER BY 1
            """, [trip]
        ).rows.compactMap { $0.string(0) }
        #expect(partitions == ["travel_posts_default", "travel_posts_y2024", "travel_posts_y2025", "travel_posts_y2026"])

        try run.extract()

        let extracted = try #require(try run.trip(id: trip))
        #expect(
            extracted.posts.map(\.timestamp.description) == [
                "2019-06-01T00:00:00Z", "2024-12-31T23:59:59.999999Z", "2025-07-14T10:00:00Z",
                "2026-01-01T00:00:00Z", "2031-02-03T04:05:06.789Z",
            ])
        #expect(Set(extracted.posts.map(\.id)) == Set(posts.keys))
    }

    @Test func anEmptyTripStillExtracts() throws {
        let run = try ExtractHarness()
        let db = run.database
        let user = try db.profile(username: "nomad", displayName: "  ")
        let trip = try db.trip("Someday", status: "planning", user: user, startDate: nil, endDate: nil)

        let report = try run.extract()

        let extracted = try #require(try run.trip(id: trip))
        #expect(extracted.posts.isEmpty && extracted.destinations.isEmpty)
        #expect(extracted.startDate == nil && extracted.endDate == nil && extracted.description == nil)
        #expect(extracted.status == .planning)
        #expect(extracted.author == "nomad")  // a blank display name falls back to the username
        #expect(extracted.updatedAt == Timestamp("2024-12-01T00:00:00Z"))
        #expect(extracted.source?.fingerprint.count == 32)
        #expect(report.written.count == 1 && report.problems.isEmpty)
    }

    @Test func aPostWhoseDestinationIsGoneStillExtracts() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Lost places")
        let kept = try db.destination(trip, name: "Nara", position: 2)
        let first = try db.destination(trip, name: "Kyoto", position: 1)
        let gone = UUID().uuidString.lowercased()
        let post = try db.post(trip, destination: gone)
        let placed = try db.post(trip, at: "2024-11-03T00:00:00Z", destination: kept)

        try run.extract()

        let extracted = try #require(try run.trip(id: trip))
        #expect(extracted.destinations.map(\.id) == [first, kept])
        let orphan = try #require(extracted.posts.first { $0.id == post })
        #expect(orphan.destinationId == gone)
        #expect(extracted.destination(of: orphan) == nil)
        #expect(extracted.destination(of: try #require(extracted.posts.first { $0.id == placed }))?.name == "Nara")
    }

    @Test func aBadRowIsLeftOutAndNamedAndTheOthersCarryOn() throws {
        let run = try ExtractHarness()
        let db = run.database
        let bad = try db.trip("Broken rows")
        try db.destination(bad, name: "Nowhere", latitude: "NaN", longitude: "Infinity")
        let endless = try db.post(bad, at: "infinity", title: "Forever")
        let post = try db.post(bad)
        let climbing = try db.photo(post, trip: bad, key: "../../etc/passwd")
        let fine = try db.photo(post, trip: bad, position: 1, sha256: "not-a-digest")
        let good = try db.trip("Fine trip")
        try db.post(good)
        let broken = try db.trip("Bad status")
        // The app's CHECK constraint forbids this; a copy of the database made by hand may not have it.
        try db.run("ALTER TABLE travels DROP CONSTRAINT travels_status_check")
        try db.run("UPDATE travels SET status = 'archived' WHERE id = $1", [broken])

        let report = try run.extract()

        let extracted = try #require(try run.trip(id: bad))
        #expect(extracted.destinations.first?.latitude == nil && extracted.destinations.first?.longitude == nil)
        #expect(extracted.posts.map(\.id) == [post])
        #expect(extracted.photos.map(\.id) == [fine])
        #expect(extracted.photos.first?.sha256 == nil)
        #expect(try run.trip(id: good) != nil)
        #expect(try run.trip(id: broken) == nil)
        #expect(report.failed == [broken])
        #expect(report.exitCode == 1)
        let messages = report.problems.map(\.description)
        #expect(
            messages.contains { $0.contains("trip \(bad) (broken-rows)") && $0.contains("photo \(climbing)") && $0.contains("climbs out") })
        #expect(messages.contains { $0.contains("post \(endless)") && $0.contains("timestamp") })
        #expect(messages.contains { $0.contains("latitude") })
        #expect(messages.contains { $0.contains("trip \(broken)") && $0.contains("status") })
        #expect(run.log.lines.count >= messages.count)
    }
}
