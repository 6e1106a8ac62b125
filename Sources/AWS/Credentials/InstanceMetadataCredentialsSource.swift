/// The role credentials of an EC2 instance, from instance metadata with IMDSv2 session tokens.
///
/// Honours `AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`,
/// `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` (`IPv6`), `AWS_METADATA_SERVICE_TIMEOUT` (seconds,
/// default 1) and `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (default 1). When the service does not
/// answer (not on EC2) or no role is attached, the source has nothing and the chain moves on.
/// IMDSv1 (no token) is not used.
public struct InstanceMetadataCredentialsSource: AWSCredentialsSource {
    static let tokenTTLSeconds = 21_600
    static let credentialsPath = "/latest/meta-data/iam/security-credentials/"

    private let environment: [String: String]
    private let client: HTTPClient

    public init(environment: [String: String], httpClient: HTTPClient) {
        self.environment = environment
        client = httpClient
    }

    public var name: String { "instance metadata" }

    public func resolve() async throws(AWSCredentialsError) -> AWSCredentials? {
        if environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true" { return nil }
        guard let token = await text(.put, "/latest/api/token", [("X-aws-ec2-metadata-token-ttl-seconds", "\(Self.tokenTTLSeconds)")]),
            let roles = await text(.get, Self.credentialsPath, [("X-aws-ec2-metadata-token", token)]),
            let role = roles.split(whereSeparator: \.isNewline).first.map(String.init)
        else { return nil }
        let request = self.request(.get, Self.credentialsPath + AWSPercentEncoding.encode(role), [("X-aws-ec2-metadata-token", token)])
        return try await MetadataFetch.credentials(
            request, client: client, attempts: attempts, source: name,
            what: "the credentials of role \(role)")
    }

    /// A 200 response's text, or `nil` for no answer or any other status.
    private func text(_ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders) async -> String? {
        guard case .success(let response) = await MetadataFetch.send(request(method, path, headers), client: client, attempts: attempts),
            response.status == 200
        else { return nil }
        let text = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    private func request(_ method: HTTPMethod, _ path: String, _ headers: HTTPHeaders) -> HTTPRequest {
        let timeout = Duration.milliseconds(Int((Double(environment["AWS_METADATA_SERVICE_TIMEOUT"] ?? "") ?? 1) * 1000))
        return HTTPRequest(
            method: method, url: endpoint + path, headers: headers,
            timeouts: HTTPTimeouts(connect: timeout, total: timeout * 2))
    }

    private var endpoint: String {
        if let configured = environment["AWS_EC2_METADATA_SERVICE_ENDPOINT"], !configured.isEmpty {
            return configured.hasSuffix("/") ? String(configured.dropLast()) : configured
        }
        return environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6"
            ? "http://[fd00:ec2::254]" : "http://169.254.169.254"
    }

    private var attempts: Int { Int(environment["AWS_METADATA_SERVICE_NUM_ATTEMPTS"] ?? "") ?? 1 }
}
