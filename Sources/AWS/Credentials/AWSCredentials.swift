import Foundation

/// An access key pair, with a session token for temporary credentials.
///
/// Printing, dumping or logging a value never shows the secret key or the token.
public struct AWSCredentials: Sendable, Hashable {
    /// The access key id (not secret: AWS prints it in errors too).
    public var accessKeyId: String
    /// The secret key; never printed.
    public var secretAccessKey: String
    /// The session token of temporary credentials; never printed.
    public var sessionToken: String?
    /// When temporary credentials stop working; `nil` for long-term keys.
    public var expiration: Date?
    /// Where they came from ("environment", "profile work", "container", "instance metadata"),
    /// for messages.
    public var source: String

    public init(
        accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil,
        expiration: Date? = nil, source: String = "static"
    ) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    /// The strings that must never be printed: the secret key and the session token.
    public var secrets: [String] { [secretAccessKey] + (sessionToken.map { [$0] } ?? []) }

    /// Whether the credentials expire before `date`.
    public func expire(before date: Date) -> Bool { expiration.map { $0 <= date } ?? false }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        let token = sessionToken == nil ? "" : ", session token"
        let expiry = expiration.map { ", expires \(ISO8601DateFormatter().string(from: $0))" } ?? ""
        return "AWS credentials \(accessKeyId) from \(source)\(token)\(expiry)"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyId": accessKeyId, "secretAccessKey": "<redacted>",
                "sessionToken": sessionToken == nil ? "none" : "<redacted>",
                "expiration": expiration as Any, "source": source,
            ])
    }
}
