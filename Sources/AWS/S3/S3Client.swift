import Foundation

/// The S3 operations of one bucket, on an ``AWSClient`` for ``AWSService/s3``: listing,
/// uploads (single and multipart), deletes and reads. Errors are ``AWSError``s naming the
/// operation and the object key.
public struct S3Client: Sendable {
    /// The client requests go through (endpoint, credentials, retries, metrics).
    public let client: AWSClient
    /// The bucket every operation works on.
    public let bucket: String

    public init(client: AWSClient, bucket: String) {
        precondition(client.service.isS3, "S3Client needs a client for S3, not \(client.service)")
        self.client = client
        self.bucket = bucket
    }

    /// A client for `bucket` with `settings` resolved for ``AWSService/s3``.
    public init(settings: AWSSettings, bucket: String) {
        self.init(client: AWSClient(service: .s3, settings: settings), bucket: bucket)
    }

    /// What this client has sent so far.
    public var metrics: AWSClientMetrics { client.metrics }

    /// `s3://bucket/key`, for messages.
    public func url(of key: String = "") -> String { "s3://\(bucket)/\(key)" }

    // MARK: - Sending

    /// Sends an S3 request on this bucket.
    func send(
        _ operation: String, _ method: HTTPMethod, key: String?, query: [AWSQueryItem] = [],
        headers: HTTPHeaders = [:], body: HTTPBody = .empty, payload: AWSPayloadSigning = .signed,
        resource: String? = nil
    ) async throws(AWSError) -> HTTPResponse {
        let request = AWSRequest(
            operation: operation, method: method, bucket: bucket, path: key.map { .key($0) } ?? .root,
            query: query, headers: headers, body: body, payload: payload,
            resource: resource ?? key ?? url())
        return try await client.send(request)
    }

    /// How a body with a `Content-MD5` enters the signature: a SHA-256 the caller knows, else
    /// `UNSIGNED-PAYLOAD` over HTTPS (TLS and `Content-MD5` guard the bytes, as the SDKs do),
    /// else the SHA-256 computed from the body.
    func payload(sha256: String?, hasContentMD5: Bool) -> AWSPayloadSigning {
        if let sha256 { return .precomputed(sha256: sha256) }
        if hasContentMD5, client.settings.endpoint.scheme == "https" { return .unsigned }
        return .signed
    }

    /// Reads an XML response body, or throws naming the operation when it is not XML.
    func xml(_ response: HTTPResponse, _ operation: String, resource: String) throws(AWSError) -> XMLTree {
        guard let tree = XMLTree(parsing: response.body) else {
            throw AWSError(
                kind: .service, service: client.service.name, operation: operation, resource: resource,
                statusCode: response.status, code: "MalformedResponse",
                message: "the response is not XML (\(response.body.count) bytes)")
        }
        return tree
    }

    /// An `<Error>` document in a 200 response (CompleteMultipartUpload can answer so) as an
    /// ``AWSError``, retried as a 500 is (as the SDKs do) unless its code says the request
    /// itself is wrong.
    func embeddedError(_ tree: XMLTree, _ response: HTTPResponse, _ operation: String, resource: String) -> AWSError? {
        guard tree.name == "Error" else { return nil }
        let code = tree["Code"]
        let final = code.map { Self.requestErrorCodes.contains($0) } ?? false
        return AWSError(
            kind: .service, service: client.service.name, operation: operation, resource: resource,
            statusCode: response.status, code: code, message: tree["Message"],
            requestId: tree["RequestId"] ?? response.headers["x-amz-request-id"],
            retryReason: final ? nil : AWSRetryClassifier.classify(status: 500, code: code))
    }

    /// Codes that sending the same request again cannot cure.
    static let requestErrorCodes: Set<String> = [
        "InvalidPart", "InvalidPartOrder", "EntityTooSmall", "NoSuchUpload", "NoSuchKey", "NoSuchBucket",
        "AccessDenied", "InvalidArgument", "InvalidRequest", "MalformedXML", "InvalidDigest", "BadDigest",
    ]
}

/// `Content-MD5` values: the base64 of the binary digest, from its hex.
public enum ContentMD5 {
    /// `hex` (32 hex digits) as base64, or `nil` when it is not hex.
    public static func base64(hex: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = nibble(high), let l = nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return Data(bytes).base64EncodedString()
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
