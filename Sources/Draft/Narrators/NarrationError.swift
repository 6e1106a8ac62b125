import AWS

/// A narrator call that failed for good (after its retries), as one sentence that names the
/// service, the call and the model and never holds a secret.
public struct NarrationError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure, for deciding whether the rest of the batch can go on.
    public enum Kind: Sendable, Hashable {
        /// The credentials or key were refused (or missing): every other call would fail the same way.
        case authentication
        /// The service answered with an error.
        case service
        /// No answer: connection failures and timeouts.
        case transport
        /// An answer that is not what the API promises.
        case invalidResponse
        /// The run was cancelled.
        case cancelled
    }

    public var kind: Kind
    /// The sentence to print.
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Error codes (AWS and OpenAI) that mean the caller is not allowed in.
    static let authenticationCodes: Set<String> = [
        "InvalidSignatureException", "SignatureDoesNotMatch", "UnrecognizedClientException", "AccessDeniedException",
        "InvalidClientTokenId", "MissingAuthenticationTokenException", "ExpiredTokenException", "ExpiredToken",
        "IncompleteSignature", "invalid_api_key",
    ]

    /// An ``AWSError`` as a narration error; its description names the service, operation and
    /// model and is already free of secrets.
    init(_ error: AWSError) {
        let kind: Kind
        switch error.kind {
        case .credentials: kind = .authentication
        case .cancelled: kind = .cancelled
        case .transport: kind = .transport
        case .service:
            kind =
                error.statusCode == 401 || error.statusCode == 403 || Self.authenticationCodes.contains(error.code ?? "")
                ? .authentication : .service
        }
        self.init(kind: kind, message: error.description)
    }
}
