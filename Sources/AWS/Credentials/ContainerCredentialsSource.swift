import Foundation

/// The credentials endpoint of ECS tasks, EKS pod identity and similar containers:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on 169.254.170.2), else
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN` as the `Authorization` header.
public struct ContainerCredentialsSource: AWSCredentialsSource {
    /// Where a relative URI points.
    public static let defaultBase = "http://169.254.170.2"
    /// Plain-HTTP hosts a full URI may name (anything else must be HTTPS), as in the AWS SDKs.
    static let allowedHTTPHosts: Set<String> = ["localhost", "::1", "[::1]", "169.254.170.2", "169.254.170.23", "[fd00:ec2::23]"]

    private let environment: [String: String]
    private let client: HTTPClient
    private let base: String

    /// `base` replaces 169.254.170.2 for relative URIs (tests use a local server).
    public init(environment: [String: String], httpClient: HTTPClient, base: String = defaultBase) {
        self.environment = environment
        client = httpClient
        self.base = base
    }

    public var name: String { "container credentials" }

    public func resolve() async throws(AWSCredentialsError) -> AWSCredentials? {
        guard let url = try endpoint() else { return nil }
        var headers: HTTPHeaders = [("Accept", "application/json")]
        if let token = try authorizationToken() { headers.add("Authorization", token) }
        let request = HTTPRequest(
            method: .get, url: url, headers: headers,
            timeouts: HTTPTimeouts(connect: .seconds(2), total: .seconds(5)))
        return try await MetadataFetch.credentials(request, client: client, attempts: 3, source: name, what: request.host)
    }

    private func endpoint() throws(AWSCredentialsError) -> String? {
        if let relative = environment["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"], !relative.isEmpty {
            return base + (relative.hasPrefix("/") ? relative : "/" + relative)
        }
        guard let full = environment["AWS_CONTAINER_CREDENTIALS_FULL_URI"], !full.isEmpty else { return nil }
        guard let parts = HTTPURLParts(full) else {
            throw AWSCredentialsError(source: name, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI is not an http(s) URL")
        }
        let allowed = parts.scheme == "https" || parts.host.hasPrefix("127.") || Self.allowedHTTPHosts.contains(parts.host)
        guard allowed else {
            throw AWSCredentialsError(
                source: name, reason: "AWS_CONTAINER_CREDENTIALS_FULL_URI must be HTTPS or a loopback or container host, not \(parts.host)")
        }
        return full
    }

    private func authorizationToken() throws(AWSCredentialsError) -> String? {
        var token = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
        if let path = environment["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw AWSCredentialsError(source: name, reason: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path) cannot be read")
            }
            token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let token, !token.isEmpty else { return nil }
        guard !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw AWSCredentialsError(source: name, reason: "the authorization token holds a line break")
        }
        return token
    }
}
