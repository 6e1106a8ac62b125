/// Credentials that could not be had: none configured, or a configured source that failed.
/// Never holds a secret.
public struct AWSCredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The source: "the environment", "profile work", "container credentials", "instance metadata".
    public var source: String
    /// What went wrong, in a few words.
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "cannot get AWS credentials from \(source): \(reason)" }
}
