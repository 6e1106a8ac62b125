import CPostgres
import Foundation

/// One libpq connection to PostgreSQL.
///
/// Not `Sendable`: libpq allows one thread at a time per connection, and its calls block, so a
/// connection stays on the thread that opened it (extract keeps all of its connections on its
/// reading thread). Results (``QueryResult``) are immutable and may cross threads.
public final class Connection {
    private let handle: OpaquePointer
    /// Every password this connection could have seen, scrubbed from any message it gives.
    private let secrets: [String]
    /// Where the connection points, as libpq resolved it.
    public let target: ConnectionTarget
    /// How many statements were sent so far (a run's query budget is bounded; tests check it).
    public private(set) var statementCount = 0
    /// What this connection was opened with, for ``reopened()``. Kept in memory only.
    private let conninfo: String?
    private let applicationName: String

    /// Connects with a `postgresql://` URL or a `key=value` conninfo string; with nil or an empty
    /// string, libpq's environment decides (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
    /// `PGDATABASE`, `PGSSLMODE`, `~/.pgpass`, ...). Text comes back as UTF-8.
    public init(_ conninfo: String? = nil, applicationName: String = "tabi-press") throws(PostgresError) {
        self.conninfo = conninfo
        self.applicationName = applicationName
        var settings: [(String, String)] = []
        let environment = ProcessInfo.processInfo.environment
        // Without a timeout an unreachable host hangs for minutes; a URL or PGCONNECT_TIMEOUT wins.
        if environment["PGCONNECT_TIMEOUT"] == nil { settings.append(("connect_timeout", "10")) }
        if let conninfo, !conninfo.isEmpty { settings.append(("dbname", conninfo)) }
        settings.append(("fallback_application_name", applicationName))
        settings.append(("client_encoding", "UTF8"))
        handle = Connection.connect(settings)

        var secrets = Connection.passwords(in: conninfo ?? "")
        if let password = environment["PGPASSWORD"], !password.isEmpty { secrets.append(password) }
        if let used = PQpass(handle).map({ String(cString: $0) }), !used.isEmpty { secrets.append(used) }
        self.secrets = secrets
        target = ConnectionTarget(
            host: Connection.text(PQhost(handle)), port: Connection.text(PQport(handle)),
            database: Connection.text(PQdb(handle)), user: Connection.text(PQuser(handle)))
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresError(
                kind: .connect, target: target,
                message: PostgresError.oneLine(Connection.text(PQerrorMessage(handle)), redacting: secrets),
                usedPassword: PQconnectionUsedPassword(handle) == 1)
            throw error  // every property is set, so deinit runs and finishes the handle
        }
    }

    deinit { PQfinish(handle) }

    // MARK: - Statements

    /// Runs one or more statements without parameters (`BEGIN ...; SET LOCAL ...`), results discarded.
    public func execute(_ sql: String, operation: String) throws(PostgresError) {
        statementCount += 1
        let result = PQexec(handle, sql)
        _ = try check(result, operation: operation)
    }

    /// Runs one statement with text parameters (`$1`, `$2`, ...), never interpolated into the SQL,
    /// and returns all its rows. Cast parameters in the SQL (`$1::uuid[]`) to give their type.
    public func query(_ sql: String, _ parameters: [String?] = [], operation: String) throws(PostgresError) -> QueryResult {
        statementCount += 1
        let result = Connection.withCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        return try check(result, operation: operation)
    }

    /// Runs one statement in single-row mode, calling `body` as each row arrives, so memory stays
    /// flat however many rows there are. The rest of the rows are drained if one fails.
    public func forEachRow(
        _ sql: String, _ parameters: [String?] = [], operation: String,
        _ body: (PostgresRow) -> Void
    ) throws(PostgresError) {
        statementCount += 1
        let sent = Connection.withCStrings(parameters) { values in
            PQsendQueryParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil, operation: operation) }
        guard PQsetSingleRowMode(handle) == 1 else {
            drain()
            throw PostgresError(kind: .query, target: target, message: "cannot switch to single-row mode", operation: operation)
        }
        var firstError: PostgresError?
        while let raw = PQgetResult(handle) {
            switch PQresultStatus(raw) {
            case PGRES_SINGLE_TUPLE:
                let result = QueryResult(raw)
                if firstError == nil { body(PostgresRow(result: result, index: 0)) }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                PQclear(raw)
            default:
                if firstError == nil { firstError = failure(raw, operation: operation) }
                PQclear(raw)
            }
        }
        if let firstError { throw firstError }
    }

    /// Sends one statement without waiting: the server works on it while the caller does
    /// something else, and ``receive(operation:)`` collects the result. Nothing else may be sent
    /// on this connection until then.
    public func send(_ sql: String, _ parameters: [String?] = [], operation: String) throws(PostgresError) {
        statementCount += 1
        let sent = Connection.withCStrings(parameters) { values in
            PQsendQueryParams(handle, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil, operation: operation) }
    }

    /// The result of the statement ``send(_:_:operation:)`` sent, waiting for it if need be.
    public func receive(operation: String) throws(PostgresError) -> QueryResult {
        var first: OpaquePointer?
        while let raw = PQgetResult(handle) {
            if first == nil { first = raw } else { PQclear(raw) }
        }
        return try check(first, operation: operation)
    }

    /// Another connection to the same server with the same settings, for reading in parallel.
    public func reopened() throws(PostgresError) -> Connection {
        try Connection(conninfo, applicationName: applicationName)
    }

    // MARK: - Results and errors

    private func check(_ raw: OpaquePointer?, operation: String) throws(PostgresError) -> QueryResult {
        guard let raw else { throw failure(nil, operation: operation) }
        switch PQresultStatus(raw) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            return QueryResult(raw)
        default:
            let error = failure(raw, operation: operation)
            PQclear(raw)
            throw error
        }
    }

    /// The error of a failed result, or of the connection when there is no result.
    private func failure(_ raw: OpaquePointer?, operation: String) -> PostgresError {
        var message = ""
        var sqlState: String?
        if let raw {
            if let primary = PQresultErrorField(raw, Int32(UInt8(ascii: "M"))) { message = String(cString: primary) }
            if let state = PQresultErrorField(raw, Int32(UInt8(ascii: "C"))) { sqlState = String(cString: state) }
            if message.isEmpty { message = Connection.text(PQresultErrorMessage(raw)) }
        }
        if message.isEmpty { message = Connection.text(PQerrorMessage(handle)) }
        if PQstatus(handle) != CONNECTION_OK { message = "the connection was lost: " + message }
        return PostgresError(
            kind: .query, target: target, sqlState: sqlState,
            message: PostgresError.oneLine(message, redacting: secrets), operation: operation)
    }

    private func drain() {
        while let raw = PQgetResult(handle) { PQclear(raw) }
    }

    // MARK: - C plumbing

    private static func connect(_ settings: [(String, String)]) -> OpaquePointer {
        let keys = settings.map { strdup($0.0) } + [nil]
        let values = settings.map { strdup($0.1) } + [nil]
        defer { (keys + values).forEach { free($0) } }
        let kp = keys.map { UnsafePointer($0) }
        let vp = values.map { UnsafePointer($0) }
        // expand_dbname: the `dbname` value may be a whole URL or conninfo string.
        guard let handle = PQconnectdbParams(kp, vp, 1) else { fatalError("libpq could not allocate a connection") }
        return handle
    }

    static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) })
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    /// The password a URL or conninfo string carries (raw and percent-decoded), found by libpq's
    /// own parser and, for strings it rejects, by the URL's `user:password@` shape.
    static func passwords(in conninfo: String) -> [String] {
        var found: [String] = []
        var message: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(conninfo, &message) {
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val {
                    found.append(String(cString: value))
                }
                option += 1
            }
            PQconninfoFree(options)
        }
        if let message { PQfreemem(message) }
        if let scheme = conninfo.range(of: "://") {
            let authority = conninfo[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let raw = String(authority[authority.index(after: colon)..<at])
                found.append(raw)
                if let decoded = raw.removingPercentEncoding { found.append(decoded) }
            }
        }
        return found.filter { !$0.isEmpty }
    }
}
