/// Sends the small requests of the container and instance-metadata sources, retrying
/// connection failures and 5xx a few times (these endpoints are local and fast, or absent).
enum MetadataFetch {
    static func send(_ request: HTTPRequest, client: HTTPClient, attempts: Int) async -> Result<HTTPResponse, HTTPError> {
        var outcome: Result<HTTPResponse, HTTPError> = .failure(HTTPError(kind: .other, method: request.method.rawValue, host: request.host))
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
}
