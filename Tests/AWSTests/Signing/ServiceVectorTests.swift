import AWS
import Foundation
import Testing

/// The service vectors of Tests/Fixtures/sigv4-testsuite/README.md (computed with botocore 1.43)
/// and the S3 documentation's examples, produced end to end by AWSClient: path encoding, bucket
/// addressing, headers and signature.
@Suite struct ServiceVectorTests {
    @Test func bedrockModelIdIsEncodedOnceOnTheWireAndTwiceInTheSignature() throws {
        let client = AWSClient(
            service: .bedrockRuntime,
            settings: try TestSettings.settings(endpoint: AWSService.bedrockRuntime.defaultEndpoint(region: "us-east-1")))
        let request = AWSRequest(
            operation: "InvokeModel", method: .post,
            path: .segments("model", "anthropic.claude-3-sonnet-20240229-v1:0", "invoke"),
            headers: [("Accept", "application/json"), ("Content-Type", "application/json")],
            body: .text(#"{"x":1}"#))
        let http = client.httpRequest(
            for: request, payloadHash: try client.payloadHash(for: request),
            credentials: TestSettings.readme, date: TestSettings.readmeDate)
        #expect(http.url == "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke")
        #expect(http.signedHeaders == "accept;content-type;host;x-amz-date")
        #expect(http.signature == "3eb276debba160b18b3105e4c898d8482b82feb75e081d28e22c9781302cf033")
        #expect(http.headers["Host"] == "bedrock-runtime.us-east-1.amazonaws.com")
        #expect(http.headers["X-Amz-Content-SHA256"] == nil)

        let signer = SigV4Signer(signingName: "bedrock", region: "us-east-1")
        let location = client.location(of: request)
        let canonical = signer.signature(
            for: SigV4Request(method: "POST", host: location.host, path: location.path),
            credentials: TestSettings.readme, date: TestSettings.readmeDate
        ).canonicalRequest
        #expect(canonical.split(separator: "\n")[1] == "/model/anthropic.claude-3-sonnet-20240229-v1%253A0/invoke")
    }

    @Test func cloudFrontIsGlobalAndSignedForUsEast1() throws {
        let configuration = try AWSConfiguration.load(environment: ["HOME": "/nonexistent"])
        let settings = try configuration.settings(for: .cloudFront)
        #expect(settings.endpoint.url == "https://cloudfront.amazonaws.com")
        #expect(settings.region == "us-east-1")
        let client = AWSClient(service: .cloudFront, settings: settings)
        let body =
            #"<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Paths><Quantity>2</Quantity><Items><Path>/index.html</Path><Path>/a/*</Path></Items></Paths><CallerReference>ref-1</CallerReference></InvalidationBatch>"#
        let request = AWSRequest(
            operation: "CreateInvalidation", method: .post,
            path: .segments("2020-05-31", "distribution", "E123", "invalidation"), body: .text(body))
        let http = client.httpRequest(
            for: request, payloadHash: try client.payloadHash(for: request),
            credentials: TestSettings.readme, date: TestSettings.readmeDate)
        #expect(http.url == "https://cloudfront.amazonaws.com/2020-05-31/distribution/E123/invalidation")
        #expect(http.signedHeaders == "host;x-amz-date")
        #expect(http.signature == "66182e90c7c9bfdad14827c12709825a5e8a1999c14b5b6976e6d6aed3c00fde")
    }

    /// The README leaves the host out; recomputing the signature shows it is the legacy global
    /// endpoint, `my-bucket.s3.amazonaws.com`.
    @Test func s3KeyIsEncodedOnceAndThePayloadHashIsSigned() throws {
        let client = AWSClient(service: .s3, settings: try TestSettings.settings(endpoint: "https://s3.amazonaws.com"))
        let request = AWSRequest(
            operation: "PutObject", method: .put, bucket: "my-bucket", path: .key("a b/c:d+e~f.html"),
            headers: [("Cache-Control", "max-age=60"), ("Content-Type", "text/html")], body: .text("hello"))
        let http = client.httpRequest(
            for: request, payloadHash: try client.payloadHash(for: request),
            credentials: TestSettings.readme, date: TestSettings.readmeDate)
        #expect(http.url == "https://my-bucket.s3.amazonaws.com/a%20b/c%3Ad%2Be~f.html")
        #expect(http.signedHeaders == "cache-control;content-type;host;x-amz-content-sha256;x-amz-date")
        #expect(http.headers["X-Amz-Content-SHA256"] == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(http.signature == "d403d175483cf11eda4e246296dd1449de61c69d303bc6ef95cd24578abba508")
    }

    static let docsCredentials = AWSCredentials(
        accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    static let docsDate = Date(timeIntervalSince1970: 1_369_353_600)

    @Test(arguments: [
        ("/test.txt", [AWSQueryItem](), [("Range", "bytes=0-9")], "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        ("/", [AWSQueryItem("lifecycle")], [], "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
        (
            "/", [AWSQueryItem("max-keys", "2"), AWSQueryItem("prefix", "J")], [],
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"
        ),
    ])
    func s3DocumentationExamples(path: String, query: [AWSQueryItem], headers: [(String, String)], signature: String) throws {
        let client = AWSClient(service: .s3, settings: try TestSettings.settings(endpoint: "https://s3.amazonaws.com"))
        let request = AWSRequest(
            operation: "GetObject", method: .get, bucket: "examplebucket", path: .raw(path), query: query,
            headers: HTTPHeaders(headers))
        let http = client.httpRequest(
            for: request, payloadHash: try client.payloadHash(for: request),
            credentials: Self.docsCredentials, date: Self.docsDate)
        #expect(http.url.hasPrefix("https://examplebucket.s3.amazonaws.com\(path)"))
        #expect(http.signature == signature)
    }
}
