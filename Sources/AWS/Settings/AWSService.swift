/// An AWS service as the plumbing needs it: how to name it, sign for it and find its endpoint.
public struct AWSService: Sendable, Hashable, CustomStringConvertible {
    /// The name messages use: "S3", "Bedrock Runtime", "CloudFront".
    public let name: String
    /// The service name in the SigV4 credential scope: `s3`, `bedrock`, `cloudfront`.
    public let signingName: String
    /// The SDK service id ("Bedrock Runtime"): `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` in the
    /// environment, `bedrock_runtime` in a `[services]` section of the config file.
    public let serviceId: String
    /// The first label of the default host: `bedrock-runtime` in `bedrock-runtime.<region>.amazonaws.com`.
    public let endpointPrefix: String
    /// For a global service, the one region it is signed for (CloudFront: `us-east-1`); its
    /// default endpoint has no region in it. `nil` for regional services.
    public let globalSigningRegion: String?
    /// How its requests are canonicalised.
    public let rules: SigV4Rules

    public init(
        name: String, signingName: String, serviceId: String, endpointPrefix: String,
        globalSigningRegion: String? = nil, rules: SigV4Rules = .generic
    ) {
        self.name = name
        self.signingName = signingName
        self.serviceId = serviceId
        self.endpointPrefix = endpointPrefix
        self.globalSigningRegion = globalSigningRegion
        self.rules = rules
    }

    /// Amazon Bedrock's runtime API (InvokeModel, Converse), signed as `bedrock`.
    public static let bedrockRuntime = AWSService(
        name: "Bedrock Runtime", signingName: "bedrock", serviceId: "Bedrock Runtime", endpointPrefix: "bedrock-runtime")
    /// Amazon S3: path encoded once, payload hash always sent; buckets addressed per ``S3AddressingStyle``.
    public static let s3 = AWSService(
        name: "S3", signingName: "s3", serviceId: "S3", endpointPrefix: "s3", rules: .s3)
    /// Amazon CloudFront: one global endpoint, signed for `us-east-1`.
    public static let cloudFront = AWSService(
        name: "CloudFront", signingName: "cloudfront", serviceId: "CloudFront", endpointPrefix: "cloudfront",
        globalSigningRegion: "us-east-1")

    /// Another service with generic SigV4 rules.
    public static func custom(
        name: String, signingName: String, serviceId: String, endpointPrefix: String,
        globalSigningRegion: String? = nil
    ) -> AWSService {
        AWSService(
            name: name, signingName: signingName, serviceId: serviceId, endpointPrefix: endpointPrefix,
            globalSigningRegion: globalSigningRegion)
    }

    /// `BEDROCK_RUNTIME`: the suffix of `AWS_ENDPOINT_URL_<...>`.
    public var environmentName: String { serviceId.uppercased().replacingOccurrences(of: " ", with: "_") }

    /// `bedrock_runtime`: the key of this service in a config-file `[services]` section.
    public var configKey: String { serviceId.lowercased().replacingOccurrences(of: " ", with: "_") }

    /// Whether this is Amazon S3 (bucket addressing, S3 signing rules).
    public var isS3: Bool { signingName == "s3" }

    /// The AWS endpoint for `region` (`https://bedrock-runtime.us-west-2.amazonaws.com`).
    public func defaultEndpoint(region: String) -> String {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        if globalSigningRegion != nil { return "https://\(endpointPrefix).\(suffix)" }
        return "https://\(endpointPrefix).\(region).\(suffix)"
    }

    public var description: String { name }
}
