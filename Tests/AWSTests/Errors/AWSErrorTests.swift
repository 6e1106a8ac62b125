import AWS
import Concurrency
import Foundation
import HTTPClient
import Logging
import Testing

@Suite struct AWSErrorTests {
    func response(_ status: Int, _ body: String, _ headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(body.utf8))
    }

    @Test func jsonErrorsWithTheTypeHeader() {
        let parsed = AWSErrorResponse(
            response: response(
                400, #"{"message":"Input is too long"}"#,
                [
                    ("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"),
                    ("x-amzn-RequestId", "req-1"),
                ]))
        #expect(parsed == AWSErrorResponse(code: "ValidationException", message: "Input is too long", requestId: "req-1"))
    }

    @Test func jsonErrorsWithANamespacedType() {
        let parsed = AWSErrorResponse(
            response: response(429, #"{"__type":"com.amazon.bedrock#ThrottlingException","Message":"Slow down"}"#))
        #expect(parsed.code == "ThrottlingException")
        #expect(parsed.message == "Slow down")
    }

    @Test func s3XMLErrors() {
        let parsed = AWSErrorResponse(
            response: response(
                403,
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key &amp; signing method.</Message><StringToSign>AWS4-HMAC-SHA256...</StringToSign><SignatureProvided>abc</SignatureProvided><RequestId>4442587FB7D0A2F9</RequestId></Error>
                """, [("x-amz-request-id", "4442587FB7D0A2F9")]))
        #expect(parsed.code == "SignatureDoesNotMatch")
        #expect(
            parsed.message
                == "The request signature we calculated does not match the signature you provided. Check your key & signing method.")
        #expect(parsed.requestId == "4442587FB7D0A2F9")
    }

    @Test func cloudFrontXMLErrors() {
        let parsed = AWSErrorResponse(
            response: response(
                400,
                """
                <?xml version="1.0"?>
                <ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type><Code>TooManyInvalidationsInProgress</Code><Message>Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations.</Message></Error><RequestId>cf-req-9</RequestId></ErrorResponse>
                """))
        #expect(parsed.code == "TooManyInvalidationsInProgress")
        #expect(parsed.requestId == "cf-req-9")
        #expect(parsed.message?.hasPrefix("Processing your request") == true)
    }

    @Test func bodylessErrorsGetACodeFromTheStatus() {
        #expect(AWSErrorResponse(response: response(404, "")).code == "NotFound")
        #expect(AWSErrorResponse(response: response(412, "")).code == "PreconditionFailed")
        #expect(AWSErrorResponse(response: response(502, "")).code == nil)
        #expect(AWSErrorResponse(response: response(502, "<html>Bad Gateway</html>")).code == nil)
    }

    @Test func errorsPrintAsOneSentence() {
        let error = AWSError(
            kind: .service, service: "S3", operation: "PutObject", resource: "trips/a/index.html", statusCode: 403,
            code: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided.")
        #expect(
            error.description
                == "S3 PutObject trips/a/index.html failed: SignatureDoesNotMatch (403): The request signature we calculated does not match the signature you provided."
        )
        let credentials = AWSError(
            kind: .credentials(AWSCredentialsError(source: "profile x", reason: "no such profile")),
            service: "CloudFront", operation: "CreateInvalidation", attempts: 0)
        #expect(
            credentials.description == "CloudFront CreateInvalidation failed: cannot get AWS credentials from profile x: no such profile")
    }

    @Test func redactionRemovesSecretsAndSignatureShapes() {
        let text = """
            secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY token FQoGZXIvYXdzEXAMPLE \
            Authorization: AWS4-HMAC-SHA256 Credential=AKID/x, Signature=3eb276debba160b18b3105e4c898d8482b82feb75e081d28e22c9781302cf033 \
            url ?X-Amz-Signature=0123456789abcdef0123456789abcdef&X-Amz-Security-Token=abc%2Fdef&x=1 Bearer abc.def-ghi
            """
        let redacted = AWSRedaction.redact(text, secrets: ["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "FQoGZXIvYXdzEXAMPLE"])
        for secret in [
            "wJalrXUtnFEMI", "FQoGZXIvYXdzEXAMPLE", "3eb276debba1", "0123456789abcdef", "abc%2Fdef", "abc.def-ghi", "Credential=AKID",
        ] {
            #expect(!redacted.contains(secret), "\(secret) in \(redacted)")
        }
        #expect(redacted.contains("&x=1"))
    }
}

/// A service error that quotes the credentials back, retried and then failed: neither the error
/// nor anything logged on the way shows a secret.
@Suite struct SecretsNeverLeakTests {
    static let secret = "leak-check-SECRET-KEY-0001"
    static let token = "leak-check-SESSION-TOKEN-0002"

    @Test func errorsAndLogsHoldNoSecrets() async throws {
        let standin = try PythonStandin(
            "aws_standin.py", ["--credentials", "AKIDLEAK:\(Self.secret):\(Self.token)", "--error-format", "xml"])
        let quoted =
            "<Error><Code>InternalError</Code><Message>secret \(Self.secret) token \(Self.token) Signature=\(String(repeating: "ab", count: 32))</Message></Error>"
        try await standin.script([
            .init(status: 500, body: quoted),
            .init(status: 403, body: quoted.replacingOccurrences(of: "InternalError", with: "AccessDenied")),
        ])
        let lines = Locked<[String]>([])
        var settings = try TestSettings.settings(
            endpoint: standin.baseURL, custom: true,
            credentials: AWSCredentials(accessKeyId: "AKIDLEAK", secretAccessKey: Self.secret, sessionToken: Self.token))
        settings.logger = CapturingLogHandler.logger(lines)
        let client = AWSClient(service: .s3, settings: settings)
        do {
            _ = try await client.send(
                AWSRequest(operation: "PutObject", method: .put, bucket: "b-1", path: .key("k"), body: .text("x"), resource: "k"))
            Issue.record("expected AccessDenied")
        } catch {
            #expect(error.code == "AccessDenied")
            var dumped = ""
            dump(error, to: &dumped)
            let texts = [error.description, String(reflecting: error), dumped, error.message ?? ""] + lines.current
            #expect(lines.current.contains { $0.contains("InternalError (500); retry 1 of 4") })
            for text in texts {
                #expect(!text.contains(Self.secret))
                #expect(!text.contains(Self.token))
                #expect(!text.contains(String(repeating: "ab", count: 32)))
            }
        }
    }
}
