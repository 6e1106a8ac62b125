import CPostgres
import Foundation

/// The rows of one result, in PostgreSQL's text format. Freed when the last reference goes.
///
/// `@unchecked Sendable`: a `PGresult` is never changed after libpq hands it over, and libpq
/// documents that results may be read from any thread.
public final class QueryResult: @unchecked Sendable {
    let raw: OpaquePointer

    init(_ raw: OpaquePointer) { self.raw = raw }

    deinit { PQclear(raw) }

    /// How many rows the result holds.
    public var rowCount: Int { Int(PQntuples(raw)) }

    /// The rows, in order.
    public var rows: [PostgresRow] { (0..<rowCount).map { PostgresRow(result: self, index: Int32($0)) } }
}

/// One row of a ``QueryResult``: columns by position, as text or parsed from it.
public struct PostgresRow: Sendable {
    let result: QueryResult
    let index: Int32

    /// Whether the column is SQL NULL.
    public func isNull(_ column: Int) -> Bool {
        PQgetisnull(result.raw, index, Int32(column)) == 1
    }

    /// The column's text (invalid UTF-8 is repaired), or nil for NULL.
    public func string(_ column: Int) -> String? {
        guard !isNull(column), let value = PQgetvalue(result.raw, index, Int32(column)) else { return nil }
        let length = Int(PQgetlength(result.raw, index, Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The column as an integer, or nil for NULL or text that is not a whole number in range.
    public func int(_ column: Int) -> Int? {
        guard !isNull(column), let value = PQgetvalue(result.raw, index, Int32(column)) else { return nil }
        errno = 0
        var end: UnsafeMutablePointer<CChar>?
        let number = strtoll(value, &end, 10)
        guard errno == 0, let end, end.pointee == 0, end != UnsafeMutablePointer(mutating: value) else { return nil }
        return Int(number)
    }

    /// The column as a double (`NaN` and `Infinity` included, as PostgreSQL allows them), or nil.
    public func double(_ column: Int) -> Double? {
        guard !isNull(column), let value = PQgetvalue(result.raw, index, Int32(column)) else { return nil }
        var end: UnsafeMutablePointer<CChar>?
        let number = strtod(value, &end)
        guard let end, end.pointee == 0, end != UnsafeMutablePointer(mutating: value) else { return nil }
        return number
    }

    /// The column's bytes in place, or nil for NULL. They live as long as the row's result: keep
    /// the row alive (`withExtendedLifetime`) while using them.
    package func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        // Only an empty value can be NULL: one libpq call fewer for most (millions in an extract).
        let length = Int(PQgetlength(result.raw, index, Int32(column)))
        guard length > 0 || !isNull(column), let value = PQgetvalue(result.raw, index, Int32(column)) else { return nil }
        return UnsafeRawPointer(value).withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            UnsafeBufferPointer(start: $0, count: length)
        }
    }

    /// Calls `body` with the column's bytes without copying them, or returns nil for NULL.
    package func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let length = Int(PQgetlength(result.raw, index, Int32(column)))
        guard length > 0 || !isNull(column), let value = PQgetvalue(result.raw, index, Int32(column)) else { return nil }
        return value.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            body(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}
