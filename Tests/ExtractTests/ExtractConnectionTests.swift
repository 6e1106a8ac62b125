import Extract
import Foundation
import IntegrationSupport
import PostgresClient
import TabiCore
import Testing

/// The database edge: a SELECT-only role is enough, an unreachable server gives one clear line
/// without the password, and a run sends a bounded number of statements.
@Suite struct ConnectionTests {
    @Test func aRoleWithSelectOnlyCanExtract() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Read only")
        try db.photo(try db.post(trip), trip: trip)
        let role = "reader_" + UUID().uuidString.prefix(8).lowercased()
        let password = "pw-" + UUID().uuidString
        try db.connection.execute(
            """
            CREATE ROLE \(role) LOGIN PASSWORD '\(password)';
            GRANT CONNECT ON DATABASE \(db.name) TO \(role);
            GRANT USAGE ON SCHEMA public TO \(role);
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);
            """, operation: "make a read-only role")
        let url = TestDatabase.url(db.url, database: db.name, user: role, password: password)
        // The role really can only read.
        let reader = try Connection(url)
        #expect { _ = try reader.query("DELETE FROM post_photos", operation: "delete") } throws: { error in
            (error as? PostgresError)?.sqlState == "42501"
        }

        let report = try run.extract(url: url)

        #expect(report.exitCode == 0)
        #expect(try run.trip(id: trip)?.photos.count == 1)
        #expect(try run.extract(changed: true, url: url).unchanged.count == 1)
    }

    @Test func aRoleAllowedOneConnectionReadsEverythingOnIt() throws {
        let run = try ExtractHarness()
        let db = run.database
        for index in 0..<3 {
            let trip = try db.trip("Trip \(index)")
            for day in 1...3 { try db.photo(try db.post(trip, at: "2024-11-0\(day)T09:00:00Z"), trip: trip) }
        }
        let role = "single_" + UUID().uuidString.prefix(8).lowercased()
        try db.connection.execute(
            """
            CREATE ROLE \(role) LOGIN PASSWORD 'pw' CONNECTION LIMIT 1;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(role);
            """, operation: "make a role with one connection")

        let report = try run.extract(url: TestDatabase.url(db.url, database: db.name, user: role, password: "pw"))

        #expect(report.exitCode == 0 && report.written.count == 3 && report.photos == 9)
        // All on the one connection: begin, export the snapshot, list the trips, four declares,
        // fetches in batches of 7 (trips 1, destinations 1, posts 2, photos 2), end. Reading in
        // parallel would have sent 22 (each stream's connection joins the snapshot, declares and ends).
        #expect(report.statements == 3 + 4 + 6 + 1)
    }

    @Test func anUnreachableServerGivesOneClearLineWithoutThePassword() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tabi-unreachable-\(UUID())")
        let extractor = Extractor(options: ExtractOptions(content: folder))
        let url = "postgresql://traveller:S3cret-Passw0rd@127.0.0.1:1/tabi_app"
        #expect { _ = try extractor.run(databaseURL: url) } throws: { error in
            guard let error = error as? ExtractError, case .cannotConnect(let cause) = error else { return false }
            let line = error.description
            return error.exitCode == 2 && cause.kind == .connect && !line.contains("\n")
                && line.contains("127.0.0.1") && line.contains("port 1") && line.contains("tabi_app")
                && line.contains("refused") && !line.contains("S3cret-Passw0rd")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path))
    }

    @Test func theNumberOfStatementsDoesNotGrowWithTripsPostsOrPhotos() throws {
        func statements(trips: Int) throws -> Int {
            let run = try ExtractHarness()
            for index in 0..<trips {
                let trip = try run.database.trip("Trip \(index)")
                try run.database.destination(trip)
                for day in 1...3 {
                    let post = try run.database.post(trip, at: "2024-11-0\(day)T09:00:00Z")
                    try run.database.photo(post, trip: trip)
                    try run.database.photo(post, trip: trip, position: 1)
                }
            }
            let report = try run.extract(batchSize: 1_000)
            #expect(report.photos == trips * 6)
            return report.statements
        }
        let few = try statements(trips: 2)
        let many = try statements(trips: 40)
        #expect(few == many)
        // The run's connection: begin, export the snapshot, list the trips, end. Each of the six
        // streams' connections (the posts and the photos are each read in two halves): join the
        // snapshot, declare, one fetch (the batch is not full), end.
        #expect(many == 4 + 6 * 4)
    }
}
