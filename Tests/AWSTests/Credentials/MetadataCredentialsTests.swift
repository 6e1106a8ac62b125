import AWS
import Foundation
import TestSupport
import Testing

/// The container and instance-metadata sources against Tests/Tools/credentials_standin.py.
@Suite struct MetadataCredentialsTests {
    let standin: PythonStandin
    let folder = TemporaryFolder("aws-metadata")

    init() throws { standin = try PythonStandin("credentials_standin.py", ["--container-token", "Bearer-ish container TOKEN"]) }

    @Test func containerFullURIWithATokenFile() async throws {
        let tokenFile = folder("token")
        try "Bearer-ish container TOKEN\n".write(to: tokenFile, atomically: true, encoding: .utf8)
        let source = ContainerCredentialsSource(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": standin.baseURL + "/container/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile.path,
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored when the file is set",
            ], httpClient: .shared)
        let credentials = try #require(try await source.resolve())
        #expect(credentials.accessKeyId.hasPrefix("ASIACONTAINER"))
        #expect(credentials.sessionToken == "token-of-\(credentials.accessKeyId)")
        #expect(credentials.expiration != nil)
        #expect(try await standin.requests().first?.values("Authorization") == ["Bearer-ish container TOKEN"])
    }

    @Test func containerRelativeURIGoesToTheContainerHost() async throws {
        let source = ContainerCredentialsSource(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/container/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "Bearer-ish container TOKEN",
            ],
            httpClient: .shared, base: standin.baseURL)
        #expect(try await source.resolve()?.accessKeyId.hasPrefix("ASIACONTAINER") == true)
    }

    @Test func containerErrorsAreReported() async throws {
        let refused = ContainerCredentialsSource(
            environment: [
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": standin.baseURL + "/container/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "wrong",
            ], httpClient: .shared)
        await #expect { try await refused.resolve() } throws: { "\($0)".contains("answered HTTP 401") }
        let remote = ContainerCredentialsSource(
            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://example.com/creds"], httpClient: .shared)
        await #expect { try await remote.resolve() } throws: { "\($0)".contains("must be HTTPS or a loopback or container host") }
        #expect(try await ContainerCredentialsSource(environment: [:], httpClient: .shared).resolve() == nil)
    }

    @Test func instanceMetadataUsesAnIMDSv2Token() async throws {
        let source = InstanceMetadataCredentialsSource(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": standin.baseURL + "/"],
            httpClient: .shared)
        let credentials = try #require(try await source.resolve())
        #expect(credentials.accessKeyId.hasPrefix("ASIAIMDS"))
        #expect(credentials.source == "instance metadata")
        let seen = try await standin.requests()
        #expect(
            seen.map { "\($0.method) \($0.path)" } == [
                "PUT /latest/api/token", "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/tabi-role",
            ])
        #expect(seen[0].values("X-aws-ec2-metadata-token-ttl-seconds") == ["21600"])
        #expect(seen[1].values("X-aws-ec2-metadata-token") == ["imds-session-token-1"])
        #expect(seen[2].values("X-aws-ec2-metadata-token") == ["imds-session-token-1"])
    }

    @Test func instanceMetadataCanBeDisabledOrAbsent() async throws {
        let disabled = InstanceMetadataCredentialsSource(
            environment: ["AWS_EC2_METADATA_DISABLED": "TRUE", "AWS_EC2_METADATA_SERVICE_ENDPOINT": standin.baseURL], httpClient: .shared)
        #expect(try await disabled.resolve() == nil)
        #expect(try await standin.requests().isEmpty)
        let absent = InstanceMetadataCredentialsSource(
            environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:\(unusedLocalPort())"], httpClient: .shared)
        #expect(try await absent.resolve() == nil)
    }

    @Test func theChainFallsThroughToInstanceMetadataAndRefreshesBeforeExpiry() async throws {
        let environment = ["HOME": folder.url.path, "AWS_EC2_METADATA_SERVICE_ENDPOINT": standin.baseURL]
        let clock = TestClock(Date())
        let chain = AWSCredentialsChain.standard(
            environment: environment, files: try AWSSharedFiles.load(environment: environment),
            httpClient: .shared, now: clock.clock.now)
        async let first = chain.credentials()
        async let second = chain.credentials()
        let (a, b) = try await (first, second)
        #expect(a.accessKeyId == b.accessKeyId)
        #expect(try await chain.credentials().accessKeyId == a.accessKeyId)
        #expect(try await standin.requests().count == 3)

        // Inside the five minutes before expiry. Measured from the expiry the stand-in gave (its
        // own clock), not from the test's start: a loaded machine may take minutes to get here.
        let expiry = try #require(a.expiration)
        clock.time.withLock { $0 = expiry.addingTimeInterval(-200) }
        let refreshed = try await chain.credentials()
        #expect(refreshed.accessKeyId != a.accessKeyId)
        #expect(try await standin.requests().count == 6)
    }

    @Test func aFailedRefreshKeepsCredentialsThatHaveNotExpired() async throws {
        let environment = ["AWS_EC2_METADATA_SERVICE_ENDPOINT": standin.baseURL]
        let clock = TestClock(Date())
        let chain = AWSCredentialsChain(
            sources: [InstanceMetadataCredentialsSource(environment: environment, httpClient: .shared)],
            now: clock.clock.now)
        let first = try await chain.credentials()
        standin.stop()
        let expiry = try #require(first.expiration)
        clock.time.withLock { $0 = expiry.addingTimeInterval(-100) }
        #expect(try await chain.credentials().accessKeyId == first.accessKeyId)
        clock.time.withLock { $0 = expiry.addingTimeInterval(100) }
        await #expect(throws: AWSCredentialsError.self) { try await chain.credentials() }
    }
}
