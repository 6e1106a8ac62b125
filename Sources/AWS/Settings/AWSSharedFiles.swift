/// The shared config and credentials files, read for one profile.
public struct AWSSharedFiles: Sendable, Hashable {
    /// `~/.aws/config` or `AWS_CONFIG_FILE`.
    public var config: AWSConfigFile
    /// `~/.aws/credentials` or `AWS_SHARED_CREDENTIALS_FILE`.
    public var credentials: AWSConfigFile

    public init(config: AWSConfigFile, credentials: AWSConfigFile) {
        self.config = config
        self.credentials = credentials
    }

    /// Reads `AWS_CONFIG_FILE` (default `~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE`
    /// (default `~/.aws/credentials`), `~` being `HOME` from `environment`. Missing files are empty.
    public static func load(environment: [String: String]) throws(AWSConfigurationError) -> AWSSharedFiles {
        let home = environment["HOME"] ?? ""
        func expand(_ path: String) -> String { path.hasPrefix("~/") ? home + path.dropFirst() : path }
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        return AWSSharedFiles(
            config: try AWSConfigFile.load(path: configPath),
            credentials: try AWSConfigFile.load(path: credentialsPath))
    }

    /// The profile the environment names: `AWS_PROFILE`, else `AWS_DEFAULT_PROFILE`.
    public static func environmentProfile(_ environment: [String: String]) -> String? {
        [environment["AWS_PROFILE"], environment["AWS_DEFAULT_PROFILE"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The config-file section of `profile`: `[profile name]`, or `[default]` for `default`.
    public func configProfile(_ profile: String) -> AWSConfigFile.Section? {
        if let section = config.sections["profile \(profile)"] { return section }
        return profile == "default" ? config.sections["default"] : nil
    }

    /// The credentials-file section of `profile`: `[name]`.
    public func credentialsProfile(_ profile: String) -> AWSConfigFile.Section? {
        credentials.sections[profile]
    }

    /// Whether either file has a section for `profile`.
    public func hasProfile(_ profile: String) -> Bool {
        configProfile(profile) != nil || credentialsProfile(profile) != nil
    }

    /// A `[services name]` section of the config file.
    public func services(_ name: String) -> AWSConfigFile.Section? {
        config.sections["services \(name)"]
    }
}
