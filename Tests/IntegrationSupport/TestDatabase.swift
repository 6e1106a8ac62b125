import Foundation
import PostgresClient
import TestSupport

/// A database of its own on the throwaway server `make test` starts (`TABI_TEST_PG_URL`), with the
/// app's schema loaded, dropped when the value goes. Each test makes one, so tests run in parallel.
public final class TestDatabase {
    /// A URL for this database as the superuser.
    public let url: String
    public let name: String
    /// The superuser's connection, for putting rows in.
    public let connection: Connection
    private let adminURL: String

    public struct MissingServer: Error, CustomStringConvertible {
        public var description: String {
            "TABI_TEST_PG_URL is not set: these tests need the throwaway PostgreSQL that `make test` starts "
                + "(or run `eval \"$(scripts/servers/postgres.sh start /tmp/pg)\"` first)"
        }
    }

    public init() throws {
        guard let admin = ProcessInfo.processInfo.environment["TABI_TEST_PG_URL"], !admin.isEmpty else {
            throw MissingServer()
        }
        adminURL = admin
        name = "tabi_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let server = try Connection(admin)
        try server.execute("CREATE DATABASE \(name)", operation: "create the test database")
        url = Self.url(admin, database: name)
        connection = try Connection(url)
        let schema = try String(contentsOf: RepositoryPaths.demo.appendingPathComponent("app-schema.sql"), encoding: .utf8)
        try connection.execute(schema, operation: "load the app's schema")
    }

    deinit {
        if let server = try? Connection(adminURL) {
            try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", operation: "drop the test database")
        }
    }

    /// `admin` with its database and, optionally, its user and password replaced.
    public static func url(_ admin: String, database: String, user: String? = nil, password: String? = nil) -> String {
        var components = URLComponents(string: admin)!
        components.path = "/" + database
        if let user { components.user = user }
        if let password { components.password = password }
        return components.string!
    }

    /// Runs one statement with text parameters.
    @discardableResult
    public func run(_ sql: String, _ parameters: [String?] = []) throws -> QueryResult {
        try connection.query(sql, parameters, operation: "prepare test rows")
    }
}
