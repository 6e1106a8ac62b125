import AWS
import Foundation
import TestSupport
import Testing

/// The standard chain's order and the environment and profile sources, from files on disk.
@Suite struct CredentialsChainTests {
    let folder = TemporaryFolder("aws-credentials")

    /// An environment whose shared files live in the test folder; IMDS off so nothing reaches out.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        [
            "HOME": folder.url.path, "AWS_CONFIG_FILE": folder("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": folder("credentials").path, "AWS_EC2_METADATA_DISABLED": "true",
        ].merging(extra) { $1 }
    }

    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder(name), atomically: true, encoding: .utf8)
    }

    func resolve(_ environment: [String: String], profile: String? = nil) async throws(AWSCredentialsError) -> AWSCredentials {
        let files = try! AWSSharedFiles.load(environment: environment)
        return try await AWSCredentialsChain.standard(
            environment: environment, files: files, profile: profile,
            httpClient: .shared
        ).credentials()
    }

    func sharedFiles() throws {
        try write(
            "credentials",
            """
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret

            [work]
            aws_access_key_id=AKIDWORK
            aws_secret_access_key=work-secret
            aws_session_token=work-token
            """)
        try write(
            "config",
            """
            # comments and blank lines are fine
            [default]
            region = eu-west-3

            [profile work]
            aws_access_key_id = AKIDWORKCONFIG
            aws_secret_access_key = config-secret-is-ignored

            [profile configonly]
            aws_access_key_id = AKIDCONFIGONLY
            aws_secret_access_key = configonly-secret

            [profile assumed]
            role_arn = arn:aws:iam::123456789012:role/publisher
            source_profile = default
            """)
    }

    @Test func environmentBeatsTheProfile() async throws {
        try sharedFiles()
        let credentials = try await resolve(
            environment([
                "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                "AWS_SESSION_TOKEN": "env-token", "AWS_PROFILE": "work",
            ]))
        #expect(credentials.accessKeyId == "AKIDENV")
        #expect(credentials.sessionToken == "env-token")
        #expect(credentials.source == "the environment")
    }

    @Test func aProfileAskedForByNameBeatsTheEnvironment() async throws {
        try sharedFiles()
        let credentials = try await resolve(
            environment(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"]),
            profile: "work")
        #expect(credentials.accessKeyId == "AKIDWORK")
    }

    @Test func profilesComeFromTheCredentialsFileThenTheConfigFile() async throws {
        try sharedFiles()
        let work = try await resolve(environment(["AWS_PROFILE": "work"]))
        #expect(work.accessKeyId == "AKIDWORK")
        #expect(work.secretAccessKey == "work-secret")
        #expect(work.sessionToken == "work-token")
        #expect(work.source == "profile work")
        #expect(try await resolve(environment()).accessKeyId == "AKIDDEFAULT")
        #expect(try await resolve(environment(["AWS_PROFILE": "configonly"])).accessKeyId == "AKIDCONFIGONLY")
    }

    @Test func aMissingNamedProfileIsAnError() async throws {
        try sharedFiles()
        await #expect { try await resolve(environment(["AWS_PROFILE": "nope"])) } throws: { error in
            "\(error)"
                == "cannot get AWS credentials from profile nope: no such profile in \(folder("credentials").path) or \(folder("config").path)"
        }
    }

    @Test func assumeRoleProfilesSayTheyAreUnsupported() async throws {
        try sharedFiles()
        await #expect { try await resolve(environment(["AWS_PROFILE": "assumed"])) } throws: { error in
            "\(error)".contains("role_arn is not supported")
        }
    }

    @Test func halfSetEnvironmentKeysAreAnError() async throws {
        await #expect { try await resolve(environment(["AWS_ACCESS_KEY_ID": "AKIDENV"])) } throws: { error in
            "\(error)" == "cannot get AWS credentials from the environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
        }
    }

    @Test func nothingConfiguredNamesWhereItLooked() async throws {
        await #expect { try await resolve(environment()) } throws: { error in
            "\(error)" == "cannot get AWS credentials from any source: none is set up (tried the environment, profile default, "
                + "container credentials, instance metadata)"
        }
    }

    @Test func credentialProcessIsRunAndItsOutputNeverEchoed() async throws {
        let script = folder("creds.sh")
        try write(
            "creds.sh",
            """
            #!/bin/sh
            echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret", "SessionToken": "process-token", "Expiration": "2030-01-02T03:04:05Z"}'
            """)
        try write("fails.sh", "#!/bin/sh\necho '{\"SecretAccessKey\": \"leaked-secret\"}'\nexit 3\n")
        try write(
            "config",
            """
            [profile tool]
            credential_process = /bin/sh \(script.path)
            [profile broken]
            credential_process = /bin/sh \(folder("fails.sh").path)
            """)
        let credentials = try await resolve(environment(["AWS_PROFILE": "tool"]))
        #expect(credentials.accessKeyId == "AKIDPROCESS")
        #expect(credentials.sessionToken == "process-token")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_893_553_445))
        await #expect { try await resolve(environment(["AWS_PROFILE": "broken"])) } throws: { error in
            "\(error)" == "cannot get AWS credentials from profile broken: credential_process exited with status 3"
        }
    }

    @Test func credentialsNeverPrintTheirSecrets() {
        let credentials = AWSCredentials(accessKeyId: "AKIDPRINT", secretAccessKey: "print-SECRET-value", sessionToken: "print-TOKEN-value")
        var dumped = ""
        dump(credentials, to: &dumped)
        for text in [String(describing: credentials), String(reflecting: credentials), dumped, "\(credentials)"] {
            #expect(text.contains("AKIDPRINT"))
            #expect(!text.contains("print-SECRET-value"))
            #expect(!text.contains("print-TOKEN-value"))
        }
    }
}
