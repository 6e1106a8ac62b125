/// An AWS call that failed, printing as one sentence that names the service, the operation, the
/// resource and what went wrong:
/// `S3 PutObject trips/a/index.html failed: SignatureDoesNotMatch (403): The request signature we calculated does not match...`
///
/// Never holds a secret: messages from services are redacted of the credentials and
/// signatures in use before they are stored.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Kind: Sendable {
        /// The service answered with an error status.
        case service
        /// No response: the connection failed, timed out, or the body file was unreadable.
        case transport(HTTPError)
        /// No credentials to sign with.
        case credentials(AWSCredentialsError)
        /// The task was cancelled.
        case cancelled
    }

    /// Service error, transport failure, missing credentials or cancellation.
    public var kind: Kind
    /// "S3", "Bedrock Runtime", "CloudFront".
    public var service: String
    /// "PutObject", "Converse", "CreateInvalidation".
    public var operation: String
    /// What the call was about: an object key, a model id, a distribution id.
    public var resource: String?
    /// The HTTP status, for service errors.
    public var statusCode: Int?
    /// The AWS error code: `SignatureDoesNotMatch`, `ThrottlingException`, `NoSuchKey`.
    public var code: String?
    /// The service's explanation.
    public var message: String?
    /// The request id to quote to AWS support.
    public var requestId: String?
    /// How many times the request was sent.
    public var attempts: Int
    /// Why the last failure would have been worth retrying (`nil` when it was not).
    public var retryReason: RetryReason?

    public init(
        kind: Kind, service: String, operation: String, resource: String? = nil, statusCode: Int? = nil,
        code: String? = nil, message: String? = nil, requestId: String? = nil, attempts: Int = 1,
        retryReason: RetryReason? = nil
    ) {
        self.kind = kind
        self.service = service
        self.operation = operation
        self.resource = resource
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestId = requestId
        self.attempts = attempts
        self.retryReason = retryReason
    }

    /// Whether the service said the resource does not exist (404, `NoSuchKey`, `NotFound`, ...).
    public var isNotFound: Bool {
        statusCode == 404 || ["NoSuchKey", "NotFound", "NoSuchBucket", "NoSuchUpload", "ResourceNotFoundException"].contains(code ?? "")
    }

    /// Whether a conditional write lost: the object was there (`If-None-Match`), or changed
    /// (`If-Match`): 412, or 409 `ConditionalRequestConflict` when another conditional write to
    /// the key was under way.
    public var isConditionFailed: Bool {
        statusCode == 412 || code == "PreconditionFailed" || code == "ConditionalRequestConflict"
    }

    public var description: String {
        let subject = [service, operation, resource].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        var text = "\(subject) failed: "
        switch kind {
        case .service:
            let status = statusCode.map { "\($0)" } ?? "?"
            text += code.map { "\($0) (\(status))" } ?? "HTTP \(status)"
            if let message, !message.isEmpty { text += ": \(message)" }
        case .transport(let error):
            text += "\(error.kind.rawValue) talking to \(error.host)"
            if !error.detail.isEmpty { text += " (\(error.detail))" }
        case .credentials(let error):
            text += error.description
        case .cancelled:
            text += "cancelled"
        }
        var notes: [String] = []
        if let requestId { notes.append("request id \(requestId)") }
        if attempts > 1 { notes.append("after \(attempts) attempts") }
        return notes.isEmpty ? text : "\(text) [\(notes.joined(separator: ", "))]"
    }
}
