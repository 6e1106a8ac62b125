/// A request as SigV4 sees it: the pieces a signature covers, in the form they go on the wire.
public struct SigV4Request: Sendable {
    /// The HTTP method, as sent.
    public var method: String
    /// The host (and port when not the scheme's default), as the `Host` header carries it.
    public var host: String
    /// The path exactly as sent, percent-encoded (`/model/a%3Ab/invoke`).
    public var path: String
    /// The query parameters, decoded; the signer encodes and sorts them.
    public var query: [AWSQueryItem]
    /// The headers to send. A `Host` header here wins over ``host``.
    public var headers: HTTPHeaders
    /// Hex SHA-256 of the body, or ``SigV4Signer/unsignedPayload``.
    public var payloadHash: String

    public init(
        method: String, host: String, path: String, query: [AWSQueryItem] = [], headers: HTTPHeaders = [:],
        payloadHash: String = SigV4Signer.emptyPayloadHash
    ) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }
}

/// How a service wants its requests canonicalised.
public struct SigV4Rules: Sendable, Hashable {
    /// Generic services remove dot segments and empty segments from the path and percent-encode
    /// it again (a `%3A` on the wire is `%253A` in the canonical URI). S3 does neither.
    public var normalizesPath: Bool
    /// S3 sends and signs `x-amz-content-sha256` on every request.
    public var signsContentHash: Bool

    public init(normalizesPath: Bool, signsContentHash: Bool) {
        self.normalizesPath = normalizesPath
        self.signsContentHash = signsContentHash
    }

    /// Every service but S3.
    public static let generic = SigV4Rules(normalizesPath: true, signsContentHash: false)
    /// Amazon S3.
    public static let s3 = SigV4Rules(normalizesPath: false, signsContentHash: true)
}

/// The outcome of signing: the intermediate strings (for tests and debugging) and the header.
///
/// Its description leaves the signature out; the canonical request and string to sign hold no
/// secret (but can hold a session token, so they are not printed either).
public struct SigV4Signature: Sendable, Hashable, CustomStringConvertible {
    /// The canonical request that was hashed.
    public var canonicalRequest: String
    /// The string that was signed.
    public var stringToSign: String
    /// `host;x-amz-date;...`
    public var signedHeaders: String
    /// The hex signature.
    public var signature: String
    /// The full `Authorization` header value.
    public var authorization: String

    public var description: String { "SigV4 signature over \(signedHeaders)" }
}
