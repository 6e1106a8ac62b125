/// One AWS API call as an operation builds it; ``AWSClient/send(_:)`` adds the endpoint,
/// signature and retries.
///
/// ```swift
/// let request = AWSRequest(operation: "PutObject", method: .put, bucket: "my-site",
///                          path: .key("trips/kyoto/index.html"),
///                          headers: [("Content-Type", "text/html")], body: .data(html),
///                          resource: "trips/kyoto/index.html")
/// ```
public struct AWSRequest: Sendable {
    /// The API operation, for errors and logs: `PutObject`, `Converse`, `CreateInvalidation`.
    public var operation: String
    /// The HTTP method.
    public var method: HTTPMethod
    /// S3 only: the bucket, placed in the host or the path per ``S3AddressingStyle``.
    public var bucket: String?
    /// The path below the endpoint (and bucket).
    public var path: AWSPath
    /// Query parameters, unencoded, sent in this order (signed in canonical order).
    public var query: [AWSQueryItem]
    /// Headers to send and sign. `Host`, `X-Amz-Date`, `X-Amz-Security-Token`,
    /// `X-Amz-Content-SHA256` (S3) and `Authorization` are set by the client.
    public var headers: HTTPHeaders
    /// What is sent: nothing, bytes, or a file region streamed from disk.
    public var body: HTTPBody
    /// How the body is covered by the signature.
    public var payload: AWSPayloadSigning
    /// What the call is about, named in errors: an object key, a model id, a distribution id.
    public var resource: String?
    /// Where the response body goes (a file for large downloads).
    public var responseDestination: HTTPResponseDestination
    /// Replaces the settings' timeouts for this request.
    public var timeouts: HTTPTimeouts?
    /// The longest response body accepted in memory (see ``HTTPRequest/maxResponseBytes``).
    public var maxResponseBytes: Int?

    public init(
        operation: String, method: HTTPMethod, bucket: String? = nil, path: AWSPath = .root,
        query: [AWSQueryItem] = [], headers: HTTPHeaders = [:], body: HTTPBody = .empty,
        payload: AWSPayloadSigning = .signed, resource: String? = nil,
        responseDestination: HTTPResponseDestination = .memory, timeouts: HTTPTimeouts? = nil,
        maxResponseBytes: Int? = nil
    ) {
        self.operation = operation
        self.method = method
        self.bucket = bucket
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.payload = payload
        self.resource = resource
        self.responseDestination = responseDestination
        self.timeouts = timeouts
        self.maxResponseBytes = maxResponseBytes
    }
}

/// How a request's body enters its signature.
public enum AWSPayloadSigning: Sendable, Hashable {
    /// The SHA-256 of the body is computed (a file body is read once more for it) and signed.
    case signed
    /// The body is not signed (`UNSIGNED-PAYLOAD`): S3 only, and only over HTTPS. Saves a read
    /// of large files; integrity then rests on TLS and any `Content-MD5`/checksum header.
    case unsigned
    /// The caller already knows the body's hex SHA-256 (publish hashes every file anyway).
    case precomputed(sha256: String)
}
