import Foundation
import Logging

/// Everything an ``AWSClient`` needs besides the service: where to send, what to sign with,
/// how to retry and wait.
///
/// Usually resolved from the environment and shared config files with ``resolve(service:environment:profile:httpClient:)``
/// (or ``AWSConfiguration/settings(for:)`` when several services share one credentials cache);
/// tests build one directly.
public struct AWSSettings: Sendable {
    /// The endpoint and the region requests are signed for.
    public var endpoint: AWSEndpoint
    /// What requests are signed with.
    public var credentials: any AWSCredentialsProvider
    /// How often and how patiently failed requests are sent again.
    public var retry: RetryPolicy
    /// Per-attempt limits; a request may override them.
    public var timeouts: HTTPTimeouts
    /// How S3 requests name their bucket (ignored for other services).
    public var s3Addressing: S3AddressingStyle
    /// HTTP/1.1 unless set.
    public var httpVersion: HTTPVersion
    /// The connection pool requests go through.
    public var httpClient: HTTPClient
    /// The time signatures carry and the waits between retries.
    public var clock: AWSClock
    /// Where retries are reported (`notice`) and attempts traced (`debug`); never given a secret.
    public var logger: Logger
    /// Sent as `User-Agent` (unsigned).
    public var userAgent: String

    /// The region requests are signed for.
    public var region: String { endpoint.signingRegion }

    public init(
        endpoint: AWSEndpoint, credentials: any AWSCredentialsProvider, retry: RetryPolicy = .batch,
        timeouts: HTTPTimeouts = AWSSettings.defaultTimeouts, s3Addressing: S3AddressingStyle? = nil,
        httpVersion: HTTPVersion = .http1_1, httpClient: HTTPClient = .shared, clock: AWSClock = .system,
        logger: Logger = Logger(label: "tabi.aws"), userAgent: String = "tabi-press"
    ) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.retry = retry
        self.timeouts = timeouts
        self.s3Addressing = s3Addressing ?? (endpoint.isCustom ? .path : .virtualHosted)
        self.httpVersion = httpVersion
        self.httpClient = httpClient
        self.clock = clock
        self.logger = logger
        self.userAgent = userAgent
    }

    /// 10 s to connect, and a transfer that moves less than a byte a second for a minute is
    /// stalled. No total limit: a large upload on a slow link may take long.
    public static let defaultTimeouts = HTTPTimeouts(
        connect: .seconds(10), lowSpeed: .init(bytesPerSecond: 1, duration: .seconds(60)))

    /// Model calls send nothing until the model is done, so no stall detector, but 10 minutes at most.
    public static let modelTimeouts = HTTPTimeouts(connect: .seconds(10), total: .seconds(600))

    /// The settings for `service` from `environment` and the shared config files; see
    /// ``AWSConfiguration`` for the order in which each setting is looked up.
    public static func resolve(
        service: AWSService, environment: [String: String] = ProcessInfo.processInfo.environment,
        profile: String? = nil, httpClient: HTTPClient = .shared
    ) throws(AWSConfigurationError) -> AWSSettings {
        try AWSConfiguration.load(environment: environment, profile: profile, httpClient: httpClient).settings(for: service)
    }
}
