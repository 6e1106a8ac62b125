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
    /// The plan would withdraw more trips than ``ExtractOptions/maxWithdrawals`` allows; nothing
    /// was written or withdrawn.
    case tooManyWithdrawals(count: Int, limit: Int)

    public var description: String {
        switch self {
        case .cannotConnect(let error), .database(let error): error.description
        case .content(let error): error.description
        case .tooManyWithdrawals(let count, let limit):
            "the database no longer has \(count) of the trips in Content/ as public or unlisted, more than "
                + "--max-withdrawals \(limit) allows, so nothing was changed; check that this is the right "
                + "database (--dry-run lists them), then run again with --max-withdrawals \(count) to withdraw them"
        }
    }

    /// 2 when nothing could be done (no connection, a refused plan), 1 otherwise.
    public var exitCode: Int32 {
        switch self {
        case .cannotConnect, .tooManyWithdrawals: 2
        case .database, .content: 1
        }
    }
}
