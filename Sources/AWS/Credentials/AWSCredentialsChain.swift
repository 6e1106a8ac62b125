import Concurrency
import Foundation

/// Credentials from the first source that has them, cached, and fetched again shortly before
/// temporary credentials expire.
///
/// Concurrent callers share one fetch. When a refresh fails but the cached credentials have
/// not expired yet, they are used until they do.
public actor AWSCredentialsChain: AWSCredentialsProvider {
    /// The sources, in the order they are tried.
    public nonisolated let sources: [any AWSCredentialsSource]
    private let refreshBefore: Duration
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var pending: Task<Result<AWSCredentials, AWSCredentialsError>, Never>?

    /// `refreshBefore`: how long before expiry temporary credentials are fetched again.
    public init(
        sources: [any AWSCredentialsSource], refreshBefore: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.sources = sources
        self.refreshBefore = refreshBefore
        self.now = now
    }

    /// The chain of the AWS CLI and SDKs: the environment, the profile in the shared files
    /// (keys or `credential_process`), container credentials, then instance metadata.
    ///
    /// `profile` is the profile asked for by name (a command-line option); like the CLI's
    /// `--profile`, it skips the environment's keys. Otherwise the profile is `AWS_PROFILE`
    /// (or `AWS_DEFAULT_PROFILE`), else `default`, and environment keys win over it.
    public static func standard(
        environment: [String: String], files: AWSSharedFiles, profile: String? = nil,
        httpClient: HTTPClient, now: @escaping @Sendable () -> Date = { Date() }
    ) -> AWSCredentialsChain {
        let environmentProfile = AWSSharedFiles.environmentProfile(environment)
        var sources: [any AWSCredentialsSource] = []
        if profile == nil { sources.append(EnvironmentCredentialsSource(environment: environment)) }
        sources.append(
            ProfileCredentialsSource(
                profile: profile ?? environmentProfile ?? "default", files: files,
                environment: environment,
                mustExist: profile != nil || environmentProfile != nil))
        sources.append(ContainerCredentialsSource(environment: environment, httpClient: httpClient))
        sources.append(InstanceMetadataCredentialsSource(environment: environment, httpClient: httpClient))
        return AWSCredentialsChain(sources: sources, now: now)
    }

    public func credentials() async throws(AWSCredentialsError) -> AWSCredentials {
        let now = now()
        if let cached, !cached.expire(before: now + refreshBefore.secondsValue) { return cached }
        let task = pending ?? Task { [sources] in await Self.firstCredentials(from: sources) }
        pending = task
        let result = await task.value
        if pending == task { pending = nil }
        switch result {
        case .success(let fresh):
            cached = fresh
            return fresh
        case .failure(let error):
            if let cached, !cached.expire(before: now) { return cached }
            throw error
        }
    }

    public func invalidate() async { cached = nil }

    private static func firstCredentials(from sources: [any AWSCredentialsSource]) async -> Result<AWSCredentials, AWSCredentialsError> {
        for source in sources {
            do {
                if let credentials = try await source.resolve() { return .success(credentials) }
            } catch {
                return .failure(error)
            }
        }
        let tried = sources.map(\.name).joined(separator: ", ")
        return .failure(AWSCredentialsError(source: "any source", reason: "none is set up (tried \(tried))"))
    }
}
