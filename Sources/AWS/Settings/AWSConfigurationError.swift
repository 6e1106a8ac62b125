/// Settings that cannot be resolved: a missing region, a malformed endpoint, an unreadable or
/// malformed config file. Names the setting (and file and line) it is about.
public struct AWSConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The setting or file: `region`, `AWS_ENDPOINT_URL_S3`, `/home/me/.aws/config line 4`.
    public var setting: String
    /// What is wrong with it.
    public var reason: String

    public init(setting: String, reason: String) {
        self.setting = setting
        self.reason = reason
    }

    public var description: String { "AWS settings: \(setting): \(reason)" }
}
