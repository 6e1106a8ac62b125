import AWS
import Foundation
import TestSupport
import Testing

/// AWSClient.send against Tests/Tools/aws_standin.py, which checks every signature with botocore.
@Suite struct AWSClientEndToEndTests {
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let temporary = AWSCredentials(accessKeyId: "ASIATEMP", secretAccessKey: "temp-secret-KEY", sessionToken: "temp-session-TOKEN")

    func standin(_ errorFormat: String = "json") throws -> PythonStandin {
        try PythonStandin(
            "aws_standin.py",
            [
                "--credentials", "AKIDEXAMPLE:\(Self.secret)",
                "--credentials", "ASIATEMP:temp-secret-KEY:temp-session-TOKEN",
                "--error-format", errorFormat,
            ])
    }

    func client(
        _ service: AWSService, _ standin: PythonStandin, credentials: AWSCredentials = TestSettings.readme,
        clock: TestClock = TestClock(), retry: RetryPolicy = RetryPolicy(random: { 0.5 })
    ) throws -> AWSClient {
        AWSClient(
            service: service,
            settings: try TestSettings.settings(
                endpoint: standin.baseURL, custom: true, credentials: credentials, retry: retry, clock: clock.clock))
    }

    // MARK: - Signed requests the stand-in accepts

    @Test func bedrockRequestIsVerifiedByBotocore() async throws {
        let standin = try standin()
        let client = try client(.bedrockRuntime, standin)
        let response = try await client.send(
            AWSRequest(
                operation: "Converse", method: .post, path: .segments("model", "anthropic.claude-3-sonnet-20240229-v1:0", "converse"),
                headers: [("Content-Type", "application/json")], body: .text(#"{"messages":[]}"#)))
        let seen = try response.echoed()
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
        #expect(seen.path == "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/converse")
        #expect(seen.values("User-Agent") == ["tabi-press"])
        #expect(seen.values("X-Amz-Content-SHA256").isEmpty)
        #expect(client.metrics.attempts == 1)
    }

    @Test func s3PutStreamsAFileRegionWithASessionToken() async throws {
        let standin = try standin("xml")
        let client = try client(.s3, standin, credentials: Self.temporary)
        #expect(client.settings.s3Addressing == .path)
        let folder = TemporaryFolder("aws-e2e")
        let file = folder("photo.jpg")
        let bytes = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        try bytes.write(to: file)
        let response = try await client.send(
            AWSRequest(
                operation: "UploadPart", method: .put, bucket: "tabi-site", path: .key("trips/京都 2024/photo 1.jpg"),
                query: [AWSQueryItem("partNumber", "2"), AWSQueryItem("uploadId", "a+b/c==")],
                body: .file(path: file.path, offset: 1000, length: 2_000_000)))
        let seen = try response.echoed()
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
        #expect(seen.path == "/tabi-site/trips/%E4%BA%AC%E9%83%BD%202024/photo%201.jpg")
        #expect(seen.query == "partNumber=2&uploadId=a%2Bb%2Fc%3D%3D")
        #expect(seen.bodySha256 == sha256Hex(bytes[1000..<2_001_000]))
        #expect(seen.values("X-Amz-Content-SHA256") == [seen.bodySha256])
        #expect(seen.values("X-Amz-Security-Token") == ["temp-session-TOKEN"])
    }

    @Test func s3ListAndUnsignedPayloadAreVerified() async throws {
        let standin = try standin("xml")
        let client = try client(.s3, standin)
        let list = try await client.send(
            AWSRequest(
                operation: "ListObjectsV2", method: .get, bucket: "tabi-site",
                query: [AWSQueryItem("list-type", "2"), AWSQueryItem("prefix", "trips/ä b"), AWSQueryItem("delete")]))
        #expect(try list.echoed().verified == true)
        #expect(try list.echoed().target == "/tabi-site?list-type=2&prefix=trips%2F%C3%A4%20b&delete")
        let put = try await client.send(
            AWSRequest(
                operation: "PutObject", method: .put, bucket: "tabi-site", path: .key("x.txt"),
                body: .text("unsigned"), payload: .unsigned))
        #expect(try put.echoed().verified == true)
        #expect(try put.echoed().values("X-Amz-Content-SHA256") == ["UNSIGNED-PAYLOAD"])
    }

    // MARK: - Errors

    @Test func wrongSecretIsSignatureDoesNotMatchAndNotRetried() async throws {
        let standin = try standin("xml")
        let wrong = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-the-right-SECRET")
        let client = try client(.s3, standin, credentials: wrong)
        do {
            _ = try await client.send(
                AWSRequest(
                    operation: "PutObject", method: .put, bucket: "tabi-site",
                    path: .key("trips/a/index.html"), body: .text("<p>"), resource: "trips/a/index.html"))
            Issue.record("expected SignatureDoesNotMatch")
        } catch {
            #expect(error.code == "SignatureDoesNotMatch")
            #expect(error.statusCode == 403)
            #expect(error.requestId == "STANDIN-REQUEST-1")
            #expect(error.attempts == 1)
            #expect(
                error.description.hasPrefix(
                    "S3 PutObject trips/a/index.html failed: SignatureDoesNotMatch (403): The request signature we calculated does not match"
                ))
            #expect(!error.description.contains("not-the-right-SECRET"))
        }
        #expect(client.metrics.failures == 1)
        #expect(client.metrics.retries == 0)
    }

    @Test func validationErrorsFailAtOnce() async throws {
        let standin = try standin()
        try await standin.script([
            .init(
                status: 400, headers: [["x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"]],
                body: #"{"message":"Malformed input request: #: extraneous key [foo] is not permitted"}"#)
        ])
        let clock = TestClock()
        let client = try client(.bedrockRuntime, standin, clock: clock)
        do {
            _ = try await client.send(
                AWSRequest(
                    operation: "InvokeModel", method: .post, path: .segments("model", "m", "invoke"),
                    body: .text("{}"), resource: "m"))
            Issue.record("expected ValidationException")
        } catch {
            #expect(error.code == "ValidationException")
            #expect(error.retryReason == nil)
            #expect(
                error.description
                    == "Bedrock Runtime InvokeModel m failed: ValidationException (400): Malformed input request: #: extraneous key [foo] is not permitted"
            )
        }
        #expect(clock.sleeps.current.isEmpty)
        #expect(try await standin.requests().count == 1)
    }

    @Test func headNotFoundGetsACodeFromItsStatus() async throws {
        let standin = try standin("xml")
        try await standin.script([.init(status: 404, headers: [["x-amz-request-id", "R404"]])])
        let client = try client(.s3, standin)
        do {
            _ = try await client.send(
                AWSRequest(operation: "HeadObject", method: .head, bucket: "tabi-site", path: .key("missing"), resource: "missing"))
            Issue.record("expected NotFound")
        } catch {
            #expect(error.isNotFound)
            #expect(error.code == "NotFound")
            #expect(error.description == "S3 HeadObject missing failed: NotFound (404) [request id R404]")
        }
    }

    // MARK: - Retries

    @Test func throttlingIsRetriedWithBackoffAndCounted() async throws {
        let standin = try standin()
        try await standin.script([
            .init(
                status: 503, body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
                contentType: "application/xml"),
            .init(status: 429, headers: [["x-amzn-ErrorType", "ThrottlingException"]], body: #"{"message":"Too many requests"}"#),
        ])
        let clock = TestClock()
        let client = try client(.bedrockRuntime, standin, clock: clock)
        let response = try await client.send(
            AWSRequest(operation: "Converse", method: .post, path: .segments("model", "m", "converse"), body: .text("{}")))
        #expect(try response.echoed().verified == true)
        #expect(clock.sleeps.current == [.milliseconds(500), .seconds(1)])
        #expect(
            client.metrics
                == {
                    var expected = AWSClientMetrics()
                    (expected.requests, expected.attempts, expected.retries, expected.throttled) = (1, 3, 2, 2)
                    return expected
                }())
        let seen = try await standin.requests()
        #expect(seen.count == 3)
        #expect(seen.allSatisfy { $0.verified == true })
    }

    @Test func retryAfterReplacesTheBackoff() async throws {
        let standin = try standin()
        try await standin.script([.init(status: 503, headers: [["Retry-After", "7"]], body: "{}")])
        let clock = TestClock()
        _ = try await client(.bedrockRuntime, standin, clock: clock)
            .send(AWSRequest(operation: "Converse", method: .post, path: .segments("model", "m", "converse"), body: .text("{}")))
        #expect(clock.sleeps.current == [.seconds(7)])
    }

    @Test func aRetryAfterTooLongToHonourFailsTheRequestWithoutWaiting() async throws {
        let standin = try standin()
        for value in ["1e300", "86400", "Fri, 31 Dec 9999 23:59:59 GMT"] {
            try await standin.script([
                .init(
                    status: 429, headers: [["x-amzn-ErrorType", "ThrottlingException"], ["Retry-After", value]],
                    body: #"{"message":"Too many requests"}"#)
            ])
            let clock = TestClock()
            let client = try client(.bedrockRuntime, standin, clock: clock)
            do {
                _ = try await client.send(
                    AWSRequest(operation: "Converse", method: .post, path: .segments("model", "m", "converse"), body: .text("{}")))
                Issue.record("Retry-After: \(value) was waited for")
            } catch {
                #expect(error.code == "ThrottlingException" && error.attempts == 1, "\(value)")
            }
            #expect(clock.sleeps.current.isEmpty, "\(value)")
        }
    }

    @Test func secretsAServiceEchoesIntoItsErrorCodeOrRequestIdAreRedacted() async throws {
        let standin = try standin()
        let echoed = "\(Self.temporary.secretAccessKey) \(Self.temporary.sessionToken!)"
        try await standin.script([
            .init(
                status: 400,
                headers: [
                    ["x-amzn-ErrorType", "Bad\(Self.temporary.sessionToken!)"],
                    ["x-amzn-RequestId", echoed],
                ],
                body: #"{"message":"you sent \#(echoed)"}"#)
        ])
        let client = try client(.bedrockRuntime, standin, credentials: Self.temporary)
        do {
            _ = try await client.send(
                AWSRequest(operation: "Converse", method: .post, path: .segments("model", "m", "converse"), body: .text("{}")))
            Issue.record("expected the scripted 400")
        } catch {
            #expect(
                error.description == "Bedrock Runtime Converse failed: Bad<redacted> (400): you sent <redacted> <redacted> "
                    + "[request id <redacted> <redacted>]")
        }
    }

    @Test func aResponseLongerThanTheRequestsLimitFailsAndIsNotRetried() async throws {
        let standin = try standin()
        try await standin.script([.init(status: 200, body: String(repeating: "x", count: 200_000))])
        let client = try client(.bedrockRuntime, standin)
        do {
            _ = try await client.send(
                AWSRequest(
                    operation: "Converse", method: .post, path: .segments("model", "m", "converse"),
                    body: .text("{}"), resource: "m", maxResponseBytes: 100_000))
            Issue.record("a 200 kB answer passed a 100 kB limit")
        } catch {
            #expect(
                error.description == "Bedrock Runtime Converse m failed: response too large talking to 127.0.0.1:\(standin.port) "
                    + "(the body is longer than the limit of 100000 bytes)")
        }
        #expect(client.metrics.attempts == 1)
    }

    @Test func anAbsurdRetryAfterFailsTheRequestWithoutWaitingOrCrashing() async throws {
        let standin = try standin("xml")
        try await standin.script([
            .init(
                status: 503, headers: [["Retry-After", "1e300"]],
                body: "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>")
        ])
        let clock = TestClock()
        let client = try client(.s3, standin, clock: clock)
        await #expect {
            _ = try await client.send(AWSRequest(operation: "GetObject", method: .get, bucket: "b-1", path: .key("k"), resource: "k"))
        } throws: { error in
            (error as? AWSError)?.code == "SlowDown" && (error as? AWSError)?.attempts == 1
        }
        #expect(clock.sleeps.current.isEmpty, "a wait past maxRetryAfter is not waited")
        #expect(try await standin.requests().count == 1)
    }

    @Test func serverErrorsStopAfterMaxAttempts() async throws {
        let standin = try standin("xml")
        try await standin.script(
            Array(
                repeating: .init(
                    status: 500, body: "<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"),
                count: 5))
        let clock = TestClock()
        let client = try client(.s3, standin, clock: clock, retry: RetryPolicy(maxAttempts: 5, random: { 0.999 }))
        do {
            _ = try await client.send(AWSRequest(operation: "GetObject", method: .get, bucket: "b-1", path: .key("k"), resource: "k"))
            Issue.record("expected InternalError")
        } catch {
            #expect(error.attempts == 5)
            #expect(error.retryReason == .transient)
            #expect(error.description.hasSuffix("[after 5 attempts]"))
        }
        #expect(clock.sleeps.current == [.milliseconds(999), .milliseconds(1998), .milliseconds(3996), .milliseconds(7992)])
        #expect(client.metrics.attempts == 5)
        #expect(client.metrics.failures == 1)
    }

    @Test func refusedConnectionsAreRetriedThenReported() async throws {
        let port = unusedLocalPort()
        let clock = TestClock()
        let settings = try TestSettings.settings(
            endpoint: "http://127.0.0.1:\(port)", custom: true,
            retry: RetryPolicy(maxAttempts: 3), clock: clock.clock)
        let client = AWSClient(service: .cloudFront, settings: settings)
        do {
            _ = try await client.send(
                AWSRequest(
                    operation: "CreateInvalidation", method: .post, path: .segments("2020-05-31", "distribution", "E1", "invalidation"),
                    resource: "E1"))
            Issue.record("expected a connection failure")
        } catch {
            guard case .transport(let transport) = error.kind else { Issue.record("expected a transport error"); return }
            #expect(transport.kind == .connectionRefused)
            #expect(error.attempts == 3)
            #expect(error.description.hasPrefix("CloudFront CreateInvalidation E1 failed: connection refused talking to 127.0.0.1:\(port)"))
        }
        #expect(clock.sleeps.current.count == 2)
    }

    @Test func expiredTokenFetchesNewCredentialsAndRetries() async throws {
        let standin = try standin("xml")
        try await standin.script([
            .init(status: 400, body: "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>")
        ])
        let provider = RotatingProvider()
        let settings = AWSSettings(
            endpoint: try AWSEndpoint(url: standin.baseURL, signingRegion: "us-east-1", isCustom: true),
            credentials: provider, clock: TestClock().clock)
        let response = try await AWSClient(service: .s3, settings: settings)
            .send(AWSRequest(operation: "GetObject", method: .get, bucket: "b-1", path: .key("k")))
        #expect(try response.echoed().verified == true)
        #expect(await provider.invalidations == 1)
    }

    @Test func cancellingDuringABackoffStopsTheRequest() async throws {
        let standin = try standin()
        try await standin.script([.init(status: 503, headers: [["Retry-After", "30"]], body: "{}")])
        let settings = try TestSettings.settings(endpoint: standin.baseURL, custom: true, clock: .system)
        let client = AWSClient(service: .bedrockRuntime, settings: settings)
        let task = Task {
            try await client.send(AWSRequest(operation: "Converse", method: .post, path: .segments("model", "m", "converse")))
        }
        while try await standin.requests().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        await #expect { try await task.value } throws: { error in
            guard let error = error as? AWSError, case .cancelled = error.kind else { return false }
            return true
        }
    }
}

/// Gives `AKIDEXAMPLE` credentials, counting how often it is told to forget them.
actor RotatingProvider: AWSCredentialsProvider {
    private(set) var invalidations = 0

    func credentials() async throws(AWSCredentialsError) -> AWSCredentials {
        AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: AWSClientEndToEndTests.secret)
    }

    func invalidate() async { invalidations += 1 }
}
