import Foundation

/// Gives the credentials to sign with, refreshing temporary ones before they expire.
public protocol AWSCredentialsProvider: Sendable {
    /// Credentials that are valid now.
    func credentials() async throws(AWSCredentialsError) -> AWSCredentials

    /// Forgets cached credentials, so the next call fetches new ones (after a service said
    /// the token expired). Providers without a cache do nothing.
    func invalidate() async
}

extension AWSCredentialsProvider {
    public func invalidate() async {}
}

/// One place credentials can come from, tried in turn by ``AWSCredentialsChain``.
public protocol AWSCredentialsSource: Sendable {
    /// What the source is, for messages: "the environment", "instance metadata".
    var name: String { get }

    /// The credentials, or `nil` when this source is not set up (so the next one is tried).
    /// Throws when it is set up but broken: a chain stops there rather than silently using
    /// credentials from somewhere the user did not mean.
    func resolve() async throws(AWSCredentialsError) -> AWSCredentials?
}

/// The same credentials every time: for tests and for keys the caller already holds.
public struct StaticCredentialsProvider: AWSCredentialsProvider, AWSCredentialsSource {
    /// The credentials given.
    public let fixed: AWSCredentials

    public init(_ credentials: AWSCredentials) { fixed = credentials }

    public var name: String { "static credentials" }

    public func credentials() async throws(AWSCredentialsError) -> AWSCredentials { fixed }

    public func resolve() async throws(AWSCredentialsError) -> AWSCredentials? { fixed }
}
