import Foundation
import SafeText

/// A PostgreSQL failure as one clear sentence: what was being done, where, and the server's words.
///
/// Built only from libpq's and the server's messages, with any password scrubbed out; the caller
/// adds which trip or query it was about.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made (unreachable, refused, authentication, no such database).
        case connect
        /// A statement failed on the server, or the connection broke while it ran.
        case query
        /// The server answered something this client did not expect (wrong column count, bad value).
        case unexpectedResult
    }

    public var kind: Kind
    /// Where the connection points.
    public var target: ConnectionTarget
    /// The five-character SQLSTATE, when the server sent one (`42501` is "insufficient privilege").
    public var sqlState: String?
    /// The server's or libpq's message, on one line.
    public var message: String
    /// What the client was doing, e.g. `fetch posts`.
    public var operation: String?
    /// Whether the server asked for a password and one was sent (never the password itself).
    public var usedPassword: Bool

    public init(
        kind: Kind, target: ConnectionTarget, sqlState: String? = nil, message: String,
        operation: String? = nil, usedPassword: Bool = false
    ) {
        self.kind = kind
        self.target = target
        self.sqlState = sqlState
        self.message = message
        self.operation = operation
        self.usedPassword = usedPassword
    }

    public var description: String {
        switch kind {
        case .connect:
            let password = usedPassword ? " (a password was sent)" : ""
            return "cannot connect to PostgreSQL at \(target)\(password): \(message)"
        case .query, .unexpectedResult:
            let what = operation.map { "cannot \($0)" } ?? "query failed"
            let state = sqlState.map { " [SQLSTATE \($0)]" } ?? ""
            return "\(what) on PostgreSQL at \(target): \(message)\(state)"
        }
    }
}

// MARK: - Message hygiene

extension PostgresError {
    /// libpq's multi-line messages on one line, with every known secret replaced.
    static func oneLine(_ text: String, redacting secrets: [String]) -> String {
        var line = text.split(whereSeparator: { $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " — ")
        // As bytes: a secret followed by a combining mark is still the secret.
        for secret in secrets where !secret.isEmpty {
            line = line.replacingLiteral(secret, with: "<redacted>")
        }
        return line
    }
}
