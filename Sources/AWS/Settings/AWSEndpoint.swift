/// Where a service's requests go and the region they are signed for.
public struct AWSEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// `https` or `http`.
    public var scheme: String
    /// The host name, without port.
    public var host: String
    /// The port when the URL names one.
    public var port: Int?
    /// A path prefix every request path goes under (`/proxy` in `https://host/proxy`); usually empty.
    public var basePath: String
    /// The region in the signature's credential scope.
    public var signingRegion: String
    /// Whether it was configured (environment or config file) rather than the AWS default:
    /// S3 then uses path-style addressing.
    public var isCustom: Bool

    /// Parses an endpoint URL such as `http://127.0.0.1:4566` or `https://bedrock-runtime.us-east-1.amazonaws.com`;
    /// a path in it becomes ``basePath``, a query is ignored.
    public init(url: String, signingRegion: String, isCustom: Bool) throws(AWSConfigurationError) {
        guard let parts = HTTPURLParts(url) else {
            throw AWSConfigurationError(setting: "endpoint", reason: "\(url) is not an http(s) URL with a host")
        }
        scheme = parts.scheme
        host = parts.host
        port = parts.port
        basePath = parts.path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        self.signingRegion = signingRegion
        self.isCustom = isCustom
    }

    /// `host[:port]` as the `Host` header carries it: the port only when it is not the scheme's default.
    public var authority: String { authority(host: host) }

    /// `authority` for another host on the same scheme and port (a virtual-hosted bucket).
    func authority(host: String) -> String {
        guard let port, port != (scheme == "https" ? 443 : 80) else { return host }
        return "\(host):\(port)"
    }

    /// The endpoint as a URL.
    public var url: String { "\(scheme)://\(authority)\(basePath)" }

    public var description: String { "\(url) (signed for \(signingRegion))" }
}

/// How S3 requests name their bucket.
public enum S3AddressingStyle: String, Sendable, Hashable {
    /// `https://bucket.s3.region.amazonaws.com/key`: the AWS default.
    case virtualHosted = "virtual"
    /// `https://endpoint/bucket/key`: for custom endpoints (MinIO, moto, LocalStack) and bucket
    /// names that cannot be a host name label.
    case path
}
