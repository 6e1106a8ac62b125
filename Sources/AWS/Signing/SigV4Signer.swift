import Crypto
import Foundation
import SafeText

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
///
/// Values are cheap to copy and share one cache of derived signing keys (one HMAC chain per
/// day, region and service instead of four HMACs per request).
public struct SigV4Signer: Sendable {
    /// The payload hash that tells the service the body is not signed (S3 over TLS).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// Hex SHA-256 of no bytes.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let algorithm = "AWS4-HMAC-SHA256"

    /// The service name in the credential scope (`s3`, `bedrock`, `cloudfront`).
    public let signingName: String
    /// The region in the credential scope.
    public let region: String
    /// Generic or S3 canonicalisation.
    public let rules: SigV4Rules
    private let keys: SigningKeyCache

    public init(signingName: String, region: String, rules: SigV4Rules = .generic) {
        self.signingName = signingName
        self.region = region
        self.rules = rules
        keys = SigningKeyCache()
    }

    /// Signs `request` in place for `date`: sets `Host` (when missing), `X-Amz-Date`,
    /// `X-Amz-Security-Token` (temporary credentials), `X-Amz-Content-SHA256` (S3) and
    /// `Authorization`, replacing any earlier values, then returns what was computed.
    @discardableResult
    public func sign(_ request: inout SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4Signature {
        if !request.headers.contains("Host") { request.headers.add("Host", request.host) }
        request.headers.remove("Authorization")
        // A `Date` header would be signed beside X-Amz-Date and could disagree with it.
        request.headers.remove("Date")
        request.headers.set("X-Amz-Date", Self.timestamp(date))
        if let token = credentials.sessionToken {
            request.headers.set("X-Amz-Security-Token", token)
        }
        if rules.signsContentHash {
            request.headers.set("X-Amz-Content-SHA256", request.payloadHash)
        }
        let signature = signature(for: request, credentials: credentials, date: date)
        request.headers.add("Authorization", signature.authorization)
        return signature
    }

    /// The signature of `request` as it stands (no header is added): for tests and for callers
    /// that set the date and token headers themselves.
    public func signature(for request: SigV4Request, credentials: AWSCredentials, date: Date) -> SigV4Signature {
        var request = request
        if !request.headers.contains("Host") { request.headers.add("Host", request.host) }
        let (canonical, signedHeaders) = SigV4Canonicalizer.request(request, rules: rules)
        let timestamp = Self.timestamp(date)
        let day = String(timestamp.prefix(8))
        let scope = "\(day)/\(region)/\(signingName)/aws4_request"
        let stringToSign = [Self.algorithm, timestamp, scope, SigV4Canonicalizer.sha256(canonical)].joined(separator: "\n")
        let key = keys.key(secret: credentials.secretAccessKey, day: day, region: region, service: signingName)
        let signature = HexText.lowercase(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization =
            "\(Self.algorithm) Credential=\(credentials.accessKeyId)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        return SigV4Signature(
            canonicalRequest: canonical, stringToSign: stringToSign, signedHeaders: signedHeaders,
            signature: signature, authorization: authorization)
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    public static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))Z"
    }
}
