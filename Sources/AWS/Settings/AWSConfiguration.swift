import Foundation
import Logging

/// The AWS environment of one run: environment variables and shared config files, read for one
/// profile, with one credentials chain that all services share (so S3 and CloudFront clients
/// fetch temporary credentials once).
///
/// Resolution order, as in the AWS CLI:
/// - profile: the `profile` argument, `AWS_PROFILE`, `AWS_DEFAULT_PROFILE`, then `default`.
/// - region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region`.
/// - endpoint: `AWS_ENDPOINT_URL_<SERVICE>` (`BEDROCK_RUNTIME`, `S3`, `CLOUDFRONT`), `AWS_ENDPOINT_URL`,
///   the profile's `services` section (`<service> =` then `endpoint_url =` indented), the profile's
///   `endpoint_url`, then the AWS endpoint for the service and region. `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`
///   skips all but the last.
/// - retries: `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, then 5.
/// - S3 addressing: the profile's `s3 =` / `addressing_style =` (`virtual`, `path`, `auto`), else path
///   style for a configured endpoint and virtual-hosted for AWS.
/// - credentials: see ``AWSCredentialsChain/standard(environment:files:profile:httpClient:now:)``.
public struct AWSConfiguration: Sendable {
    /// The environment variables read.
    public let environment: [String: String]
    /// The profile in use.
    public let profile: String
    /// The shared config and credentials files.
    public let files: AWSSharedFiles
    /// The credentials chain every service's settings share.
    public let credentials: any AWSCredentialsProvider
    /// The client every service's settings use.
    public let httpClient: HTTPClient
    /// Time and waiting for every service's settings.
    public var clock: AWSClock
    /// Where every service's retries are logged.
    public var logger: Logger

    public init(
        environment: [String: String], profile: String, files: AWSSharedFiles, credentials: any AWSCredentialsProvider,
        httpClient: HTTPClient = .shared, clock: AWSClock = .system, logger: Logger = Logger(label: "tabi.aws")
    ) {
        self.environment = environment
        self.profile = profile
        self.files = files
        self.credentials = credentials
        self.httpClient = httpClient
        self.clock = clock
        self.logger = logger
    }

    /// Reads the shared files and sets up the standard credentials chain. `profile` is a profile
    /// asked for by name (a command-line option).
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment, profile: String? = nil,
        httpClient: HTTPClient = .shared, clock: AWSClock = .system
    ) throws(AWSConfigurationError) -> AWSConfiguration {
        let files = try AWSSharedFiles.load(environment: environment)
        let name = profile ?? AWSSharedFiles.environmentProfile(environment) ?? "default"
        let chain = AWSCredentialsChain.standard(
            environment: environment, files: files, profile: profile,
            httpClient: httpClient, now: clock.now)
        return AWSConfiguration(
            environment: environment, profile: name, files: files, credentials: chain,
            httpClient: httpClient, clock: clock)
    }

    // MARK: - Settings

    /// The region, if any is configured.
    public var region: String? {
        value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") ?? profileValue("region")
    }

    /// The settings for one service.
    public func settings(for service: AWSService) throws(AWSConfigurationError) -> AWSSettings {
        let endpoint = try self.endpoint(for: service)
        return AWSSettings(
            endpoint: endpoint, credentials: credentials, retry: try retryPolicy(),
            timeouts: service == .bedrockRuntime ? AWSSettings.modelTimeouts : AWSSettings.defaultTimeouts,
            s3Addressing: try s3Addressing(endpoint: endpoint), httpClient: httpClient, clock: clock, logger: logger)
    }

    /// Where `service` is reached and the region it is signed for.
    public func endpoint(for service: AWSService) throws(AWSConfigurationError) -> AWSEndpoint {
        let signingRegion: String
        if let global = service.globalSigningRegion {
            signingRegion = global
        } else {
            guard let region else {
                throw AWSConfigurationError(
                    setting: "region",
                    reason: "\(service.name) needs a region: set AWS_REGION, "
                        + "or region in profile \(profile) of \(files.config.path)")
            }
            signingRegion = region
        }
        if let (url, setting) = configuredEndpoint(for: service) {
            do {
                return try AWSEndpoint(url: url, signingRegion: signingRegion, isCustom: true)
            } catch {
                throw AWSConfigurationError(setting: setting, reason: error.reason)
            }
        }
        return try AWSEndpoint(url: service.defaultEndpoint(region: signingRegion), signingRegion: signingRegion, isCustom: false)
    }

    /// The configured endpoint URL for `service` and the setting it came from.
    private func configuredEndpoint(for service: AWSService) -> (String, String)? {
        if value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true" { return nil }
        let specific = "AWS_ENDPOINT_URL_\(service.environmentName)"
        if let url = value(specific) { return (url, specific) }
        if let url = value("AWS_ENDPOINT_URL") { return (url, "AWS_ENDPOINT_URL") }
        if let name = profileValue("services"), let url = files.services(name)?.nested[service.configKey]?["endpoint_url"] {
            return (url, "endpoint_url of \(service.configKey) in [services \(name)] of \(files.config.path)")
        }
        if let url = profileValue("endpoint_url") {
            return (url, "endpoint_url of profile \(profile) in \(files.config.path)")
        }
        return nil
    }

    /// The retry policy: the batch defaults with the configured number of attempts.
    public func retryPolicy() throws(AWSConfigurationError) -> RetryPolicy {
        let (text, setting) =
            value("AWS_MAX_ATTEMPTS").map { ($0, "AWS_MAX_ATTEMPTS") }
            ?? profileValue("max_attempts").map { ($0, "max_attempts of profile \(profile)") } ?? ("5", "")
        guard let attempts = Int(text), attempts >= 1 else {
            throw AWSConfigurationError(setting: setting, reason: "\(text) is not a whole number of at least 1")
        }
        return RetryPolicy(maxAttempts: attempts)
    }

    private func s3Addressing(endpoint: AWSEndpoint) throws(AWSConfigurationError) -> S3AddressingStyle {
        let configured = files.configProfile(profile)?.nested["s3"]?["addressing_style"]?.lowercased()
        switch configured {
        case nil, "auto": return endpoint.isCustom ? .path : .virtualHosted
        case "virtual": return .virtualHosted
        case "path": return .path
        case let other?:
            throw AWSConfigurationError(
                setting: "s3 addressing_style of profile \(profile)",
                reason: "\(other) is not virtual, path or auto")
        }
    }

    private func value(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func profileValue(_ key: String) -> String? {
        (files.configProfile(profile)?.values[key] ?? files.credentialsProfile(profile)?.values[key]).flatMap { $0.isEmpty ? nil : $0 }
    }
}
