/// Sends the small requests of the container and instance-metadata sources, retrying
/// connection failures and 5xx a few times (these endpoints are local and fast, or absent).
enum MetadataFetch {
    static func send(_ request: HTTPRequest, client: HTTPClient, attempts: Int) async -> Result<HTTPResponse, HTTPError> {
        var outcome: Result<HTTPResponse, HTTPError> = .failure(
            HTTPError(kind: .other, method: request.method.rawValue, host: request.host))
        for _ in 0..<max(attempts, 1) {
            do {
                let response = try await client.send(request)
                outcome = .success(response)
                if response.status < 500 { return outcome }
            } catch {
                outcome = .failure(error)
                if !error.isTransient { return outcome }
            }
        }
        return outcome
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
