/// A server-side cursor read in batches (`DECLARE ... NO SCROLL CURSOR FOR`, then `FETCH n`), so
/// several ordered result streams can be read side by side on one connection, each holding at
/// most one batch in memory. Must be opened inside a transaction, which closes it at the end.
public final class Cursor {
    private let connection: Connection
    private let name: String
    private let batchSize: Int
    private let operation: String
    private let prefetching: Bool
    private var batch: QueryResult?
    private var position = 0
    private var exhausted = false

    /// Declares the cursor. `name` must be a plain SQL identifier chosen by the program (it cannot
    /// be a parameter); `query` takes `$n` text parameters like ``Connection/query(_:_:operation:)``.
    ///
    /// With `prefetch`, the next batch is always asked for as soon as one arrives, so the server
    /// makes it while the caller works through the current one. The cursor must then have the
    /// connection to itself.
    public init(
        _ connection: Connection, name: String, query: String, parameters: [String?] = [],
        batchSize: Int = 2_000, prefetch: Bool = false, operation: String
    ) throws(PostgresError) {
        precondition(
            name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
            "cursor names are identifiers chosen by the program")
        self.connection = connection
        self.name = name
        self.batchSize = max(batchSize, 1)
        self.operation = operation
        self.prefetching = prefetch
        _ = try connection.query("DECLARE \(name) NO SCROLL CURSOR FOR \(query)", parameters, operation: operation)
        if prefetch { try connection.send(fetch, operation: operation) }
    }

    private var fetch: String { "FETCH FORWARD \(batchSize) FROM \(name)" }

    /// The next row without consuming it, or nil at the end.
    public func peek() throws(PostgresError) -> PostgresRow? {
        if let batch, position < batch.rowCount { return PostgresRow(result: batch, index: Int32(position)) }
        guard !exhausted else { return nil }
        let next =
            prefetching
            ? try connection.receive(operation: operation)
            : try connection.query(fetch, operation: operation)
        // A short batch is the last one: no need to ask again for an empty one.
        if next.rowCount < batchSize {
            exhausted = true
        } else if prefetching {
            try connection.send(fetch, operation: operation)
        }
        batch = next
        position = 0
        return next.rowCount > 0 ? PostgresRow(result: next, index: 0) : nil
    }

    /// The next row, consumed, or nil at the end.
    public func next() throws(PostgresError) -> PostgresRow? {
        guard let row = try peek() else { return nil }
        position += 1
        return row
    }

    /// Closes the cursor early; the transaction's end closes it too.
    public func close() throws(PostgresError) {
        if prefetching, !exhausted { _ = try connection.receive(operation: operation) }
        try connection.execute("CLOSE \(name)", operation: operation)
        batch = nil
        exhausted = true
    }
}
