import ContentStore
import PostgresClient

/// Why a whole extract run stopped (problems with single trips are ``ExtractProblem``s instead).
public enum ExtractError: Error, Sendable, CustomStringConvertible {
    /// The database could not be reached or refused the connection.
    case cannotConnect(PostgresError)
    /// A query failed or the connection broke while reading.
    case database(PostgresError)
    /// `Content/` could not be listed or a folder could not be made.
    case content(FileError)
    /// A `--trip` value that is not a UUID.
    case invalidTripId(String)

    public var description: String {
        switch self {
        case .cannotConnect(let error), .database(let error): error.description
        case .content(let error): error.description
        case .invalidTripId(let text): "--trip \"\(text)\" is not a trip id (a UUID like 0b5e2c1e-6c55-4a57-9a43-2f0d0e1e6a01)"
        }
    }

    /// 2 when nothing could be read (no connection, bad arguments), 1 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .cannotConnect, .invalidTripId: 2
        case .database, .content: 1
        }
    }
}
