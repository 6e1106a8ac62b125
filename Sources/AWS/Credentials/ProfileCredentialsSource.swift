/// The keys of a profile in the shared credentials file, else in the config file, else its
/// `credential_process`.
public struct ProfileCredentialsSource: AWSCredentialsSource {
    /// The profile read.
    public let profile: String
    private let files: AWSSharedFiles
    private let environment: [String: String]
    private let mustExist: Bool

    /// `mustExist`: the profile was asked for by name (`AWS_PROFILE` or a `--profile` option), so
    /// its absence is an error rather than a reason to try the next source.
    public init(profile: String, files: AWSSharedFiles, environment: [String: String], mustExist: Bool) {
        self.profile = profile
        self.files = files
        self.environment = environment
        self.mustExist = mustExist
    }

    public var name: String { "profile \(profile)" }

    public func resolve() async throws(AWSCredentialsError) -> AWSCredentials? {
        let credentialsSection = files.credentialsProfile(profile)
        let configSection = files.configProfile(profile)
        guard credentialsSection != nil || configSection != nil else {
            guard mustExist else { return nil }
            throw AWSCredentialsError(source: name, reason: "no such profile in \(files.credentials.path) or \(files.config.path)")
        }
        // The credentials file wins over the config file, as in the AWS CLI.
        for (section, path) in [(credentialsSection, files.credentials.path), (configSection, files.config.path)] {
            if let section, let credentials = try keys(in: section, path: path) { return credentials }
        }
        if let command = credentialsSection?.values["credential_process"] ?? configSection?.values["credential_process"] {
            return try await CredentialProcess.run(command, environment: environment, source: name)
        }
        for setting in ["role_arn", "sso_session", "sso_start_url", "web_identity_token_file"]
        where configSection?.values[setting] != nil || credentialsSection?.values[setting] != nil {
            throw AWSCredentialsError(
                source: name,
                reason: "\(setting) is not supported by tabi-press; "
                    + "use keys, credential_process (for example `aws configure export-credentials --format process`), "
                    + "or environment variables")
        }
        return nil
    }

    private func keys(in section: AWSConfigFile.Section, path: String) throws(AWSCredentialsError) -> AWSCredentials? {
        let key = section.values["aws_access_key_id"], secret = section.values["aws_secret_access_key"]
        switch (key, secret) {
        case (nil, nil):
            return nil
        case (let key?, let secret?):
            return AWSCredentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: section.values["aws_session_token"],
                source: name)
        default:
            throw AWSCredentialsError(source: name, reason: "\(path) sets only one of aws_access_key_id and aws_secret_access_key")
        }
    }
}
