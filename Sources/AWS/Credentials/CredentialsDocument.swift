import Foundation

/// The JSON credentials document of the container endpoint, instance metadata and
/// `credential_process`: `AccessKeyId`, `SecretAccessKey`, `Token` or `SessionToken`, `Expiration`.
struct CredentialsDocument: Decodable {
    var accessKeyId: String
    var secretAccessKey: String
    var token: String?
    var sessionToken: String?
    var expiration: String?
    var code: String?
    var version: Int?

    enum CodingKeys: String, CodingKey {
        case accessKeyId = "AccessKeyId", secretAccessKey = "SecretAccessKey", token = "Token"
        case sessionToken = "SessionToken", expiration = "Expiration", code = "Code", version = "Version"
    }

    /// Parses `data`; the error never quotes the document (it holds secrets).
    static func decode(_ data: Data, source: String) throws(AWSCredentialsError) -> CredentialsDocument {
        do {
            return try JSONDecoder().decode(CredentialsDocument.self, from: data)
        } catch {
            throw AWSCredentialsError(source: source, reason: "the response is not a credentials document (AccessKeyId, SecretAccessKey)")
        }
    }

    /// Parses `data` into credentials.
    static func credentials(from data: Data, source: String) throws(AWSCredentialsError) -> AWSCredentials {
        try decode(data, source: source).credentials(source: source)
    }

    /// The credentials the document holds.
    func credentials(source: String) throws(AWSCredentialsError) -> AWSCredentials {
        if let code, code != "Success" {
            throw AWSCredentialsError(source: source, reason: "the service answered \(code)")
        }
        var expirationDate: Date?
        if let expiration {
            guard let date = Self.parseTimestamp(expiration) else {
                throw AWSCredentialsError(source: source, reason: "Expiration \(expiration) is not an ISO 8601 time")
            }
            expirationDate = date
        }
        return AWSCredentials(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey,
            sessionToken: token ?? sessionToken, expiration: expirationDate, source: source)
    }

    /// ISO 8601 with or without fractional seconds (`2024-01-02T03:04:05Z`, `...05.123Z`, `+00:00`).
    static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }
}
