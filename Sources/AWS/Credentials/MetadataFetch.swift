/// Sends the small requests of the container and instance-metadata sources, retrying
/// connection failures and 5xx a few times (these endpoints are local and fast, or absent).
enum MetadataFetch {
    static func send(_ request: HTTPRequest, client: HTTPClient, attempts: Int) async -> Result<HTTPResponse, HTTPError> {
        let loop = RetryLoop(policy: .immediately(attempts: attempts), sleep: { _ in })
        do {
            return .success(
                try await loop.run { _ async -> AttemptResult<HTTPResponse, Unanswered> in
                    do throws(HTTPError) {
                        let response = try await client.send(request)
                        return response.status < 500 ? .success(response) : .failure(.status(response), retry: .transient)
                    } catch {
                        return .failure(.transport(error), retry: HTTPRetryClassifier.classify(error))
                    }
                } cancelled: { last, _ in
                    last ?? .transport(HTTPError(kind: .cancelled, method: request.method.rawValue, host: request.host))
                })
        } catch {
            switch error {
            case .status(let response): return .success(response)
            case .transport(let error): return .failure(error)
            }
        }
    }

    /// What the last attempt got when no attempt got an answer below 500.
    private enum Unanswered: Error {
        case status(HTTPResponse)
        case transport(HTTPError)
    }

    /// The credentials document a 200 response to `request` holds; any failure or other status
    /// is an error of `source` naming `what` was asked.
    static func credentials(
        _ request: HTTPRequest, client: HTTPClient, attempts: Int, source: String,
        what: String
    ) async throws(AWSCredentialsError) -> AWSCredentials {
        switch await send(request, client: client, attempts: attempts) {
        case .failure(let error):
            throw AWSCredentialsError(source: source, reason: error.description)
        case .success(let response) where response.status != 200:
            throw AWSCredentialsError(source: source, reason: "\(what) answered HTTP \(response.status)")
        case .success(let response):
            return try CredentialsDocument.credentials(from: response.body, source: source)
        }
    }
}
