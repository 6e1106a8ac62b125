import Foundation
import IntegrationSupport
import PostgresClient
import Testing

/// The libpq wrapper against the real PostgreSQL `make test` starts: parameters are never SQL,
/// values come back as sent (NULL apart from empty), errors name the operation and never a password.
@Suite struct ConnectionTests {
    @Test func parametersAreValuesNeverSQLAndComeBackAsSent() throws {
        let database = try TestDatabase()
        let hostile = "'); DROP TABLE travels; --"
        let result = try database.connection.query(
            "SELECT $1::text, $2::text, $3::int, $4::float8, $5::text", [hostile, "", "42", "2.5", nil], operation: "echo")
        let row = try #require(result.rows.first)
        #expect(row.string(0) == hostile)
        #expect(row.string(1) == "" && !row.isNull(1))  // empty is not NULL
        #expect(row.int(2) == 42 && row.double(3) == 2.5)
        #expect(row.isNull(4) && row.string(4) == nil)
        #expect(row.withBytes(1) { $0.count } == 0)
        #expect(row.withBytes(4) { $0.count } == nil)
        // The table is still there.
        #expect(try database.connection.query("SELECT count(*) FROM travels", operation: "count").rows.first?.int(0) == 0)
    }

    @Test func aFailedStatementNamesItsOperationAndTheServersReason() throws {
        let database = try TestDatabase()
        #expect { _ = try database.connection.query("SELECT * FROM no_such_table", operation: "read the moon") } throws: { error in
            guard let error = error as? PostgresError else { return false }
            return error.kind == .query && error.operation == "read the moon" && error.sqlState == "42P01"
                && error.description.contains("no_such_table")
        }
        // The connection is still usable after the error.
        #expect(try database.connection.query("SELECT 1", operation: "ping").rows.first?.int(0) == 1)
    }

    @Test func forEachRowAndACursorSeeEveryRowInOrder() throws {
        let database = try TestDatabase()
        var seen: [Int] = []
        try database.connection.forEachRow("SELECT generate_series(1, 2500)", operation: "count up") { seen.append($0.int(0) ?? -1) }
        #expect(seen == Array(1...2500))
        try database.connection.execute("BEGIN", operation: "begin")
        let cursor = try Cursor(
            database.connection, name: "counting", query: "SELECT generate_series(1, 2500)", batchSize: 1000,
            operation: "count up by cursor")
        var fetched: [Int] = []
        while let row = try cursor.next() { fetched.append(row.int(0) ?? -1) }
        try cursor.close()
        try database.connection.execute("COMMIT", operation: "commit")
        #expect(fetched == Array(1...2500))
    }

    @Test func anUnreachableServerIsOneLineNamingWhereWithoutThePassword() {
        #expect { _ = try Connection("postgresql://traveller:S3cret-Passw0rd@127.0.0.1:1/tabi_app") } throws: { error in
            guard let error = error as? PostgresError else { return false }
            let line = error.description
            return error.kind == .connect && !line.contains("\n") && line.contains("127.0.0.1")
                && line.contains("tabi_app") && !line.contains("S3cret-Passw0rd")
        }
    }

    @Test func aPasswordNeverShowsEvenInAMalformedURL() throws {
        for url in [
            "postgresql://traveller:S3cret%zzPass@127.0.0.1:1/tabi", "host=127.0.0.1 port=1 password=S3cretPass dbname=x",
            "postgresql://traveller:S3cretPass@127.0.0.1:1/tabi?sslmode=nonsense",
        ] {
            #expect { _ = try Connection(url) } throws: { error in
                let text = "\(error)"
                return !text.contains("S3cret") && !text.contains("\n")
            }
        }
    }
}

/// `PostgresArray` escapes byte by byte: a `"` or `\` glued to a combining mark still cannot end
/// an element or the array (checked by the server itself reading the literal back).
@Suite struct ArrayLiteralTests {
    @Test func everyElementComesBackAsSentWhateverMarksFollowItsQuotes() throws {
        let database = try TestDatabase()
        let elements = ["\"", "\"\u{301}", "\"\u{200D}}, {\"x", "\u{0600}\"", "\\\"", "plain", "{\"a\",\"b\"}", "旅", "a\\\u{301}b", ""]
        let result = try database.connection.query(
            "SELECT unnest($1::text[])", [PostgresArray.literal(elements)], operation: "read the array back")
        #expect(result.rows.map { $0.string(0) } == elements)
    }
}
