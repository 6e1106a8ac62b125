import AWS
import Foundation
import Testing

/// Varied requests signed by AWSClient and, independently, by botocore (Tests/Tools/botocore_sign.py,
/// same credentials and time): the URLs and Authorization headers must be identical. botocore
/// renders the path from the API's URI template itself, so path encoding is checked too.
@Suite struct BotocoreOracleTests {
    struct Case {
        var name: String
        var service: AWSService
        var endpoint: String
        var region = "us-east-1"
        var custom = false
        var request: AWSRequest
        var uriTemplate: String
        var params: [String: String] = [:]
        var sessionToken: String?
    }

    static let token = "IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+test/token=="
    static let multipartXML = #"<Delete><Object><Key>trips/a b.html</Key></Object><Quiet>true</Quiet></Delete>"#

    static let cases: [Case] = [
        Case(
            name: "bedrock invoke", service: .bedrockRuntime, endpoint: "https://bedrock-runtime.us-east-1.amazonaws.com",
            request: AWSRequest(
                operation: "InvokeModel", method: .post,
                path: .segments("model", "anthropic.claude-3-sonnet-20240229-v1:0", "invoke"),
                headers: [("Accept", "application/json"), ("Content-Type", "application/json")],
                body: .text(#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":512}"#)),
            uriTemplate: "/model/{modelId}/invoke", params: ["modelId": "anthropic.claude-3-sonnet-20240229-v1:0"]),
        Case(
            name: "bedrock converse with an inference profile ARN and a session token", service: .bedrockRuntime,
            endpoint: "https://bedrock-runtime.eu-west-3.amazonaws.com", region: "eu-west-3",
            request: AWSRequest(
                operation: "Converse", method: .post,
                path: .segments(
                    "model", "arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0",
                    "converse"),
                headers: [("Content-Type", "application/json")], body: .text(#"{"messages":[{"role":"user","content":[{"text":"東京"}]}]}"#)),
            uriTemplate: "/model/{modelId}/converse",
            params: ["modelId": "arn:aws:bedrock:eu-west-3:123456789012:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0"],
            sessionToken: token),
        Case(
            name: "s3 put with spaces, unicode, plus and colon in the key", service: .s3, endpoint: "https://s3.eu-west-3.amazonaws.com",
            region: "eu-west-3",
            request: AWSRequest(
                operation: "PutObject", method: .put, bucket: "tabi-site", path: .key("trips/京都 2024/a+b:c~d.html"),
                headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "public, max-age=300")],
                body: .text("<h1>京都</h1>")),
            uriTemplate: "/{Key+}", params: ["Key": "trips/京都 2024/a+b:c~d.html"]),
        Case(
            name: "s3 key with reserved characters and a percent sign", service: .s3, endpoint: "https://s3.us-west-2.amazonaws.com",
            region: "us-west-2",
            request: AWSRequest(
                operation: "PutObject", method: .put, bucket: "tabi-site", path: .key("odd/!'()*&$@=;,?#[] 100%.txt"),
                body: .text("x")),
            uriTemplate: "/{Key+}", params: ["Key": "odd/!'()*&$@=;,?#[] 100%.txt"]),
        Case(
            name: "s3 list with a query to encode", service: .s3, endpoint: "https://s3.us-east-1.amazonaws.com",
            request: AWSRequest(
                operation: "ListObjectsV2", method: .get, bucket: "tabi-site",
                query: [
                    AWSQueryItem("list-type", "2"), AWSQueryItem("prefix", "trips/京都 "),
                    AWSQueryItem("continuation-token", "1a+b/c=="), AWSQueryItem("delimiter", "/"),
                    AWSQueryItem("max-keys", "1000"),
                ]),
            uriTemplate: "/"),
        Case(
            name: "s3 unsigned payload with a session token", service: .s3, endpoint: "https://s3.us-east-1.amazonaws.com",
            request: AWSRequest(
                operation: "UploadPart", method: .put, bucket: "tabi-site", path: .key("media/big photo.jpg"),
                query: [AWSQueryItem("partNumber", "3"), AWSQueryItem("uploadId", "VXBsb2FkIElE~.-_")],
                body: .text(String(repeating: "z", count: 5000)), payload: .unsigned),
            uriTemplate: "/{Key+}", params: ["Key": "media/big photo.jpg"], sessionToken: token),
        Case(
            name: "s3 delete objects with a bare query name and content-md5", service: .s3, endpoint: "https://s3.us-east-1.amazonaws.com",
            request: AWSRequest(
                operation: "DeleteObjects", method: .post, bucket: "tabi-site", query: [AWSQueryItem("delete")],
                headers: [("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="), ("Content-Type", "application/xml")],
                body: .text(multipartXML)),
            uriTemplate: "/"),
        Case(
            name: "s3 path style on a custom endpoint with a port, folded whitespace and a repeated header", service: .s3,
            endpoint: "http://127.0.0.1:9000", custom: true,
            request: AWSRequest(
                operation: "PutObject", method: .put, bucket: "tabi-site", path: .key("a/b.txt"),
                headers: [("x-amz-meta-note", "  hello   world  "), ("x-amz-meta-tag", "one"), ("x-amz-meta-tag", "two")],
                body: .text("body")),
            uriTemplate: "/tabi-site/{Key+}", params: ["Key": "a/b.txt"]),
        Case(
            name: "cloudfront invalidation with a session token", service: .cloudFront, endpoint: "https://cloudfront.amazonaws.com",
            request: AWSRequest(
                operation: "CreateInvalidation", method: .post,
                path: .segments("2020-05-31", "distribution", "E2QWRUHAPOMQZL", "invalidation"),
                headers: [("Content-Type", "text/xml")],
                body: .text(
                    "<InvalidationBatch><Paths><Quantity>1</Quantity><Items><Path>/trips/*</Path></Items></Paths><CallerReference>r</CallerReference></InvalidationBatch>"
                )),
            uriTemplate: "/2020-05-31/distribution/{Id}/invalidation", params: ["Id": "E2QWRUHAPOMQZL"], sessionToken: token),
    ]

    struct OracleCase: Encodable {
        var name, service, region, method, origin, uriTemplate: String
        var params: [String: String]
        var query: [[String?]]
        var headers: [[String]]
        var body: String
        var sessionToken: String?
        var unsignedPayload: Bool
        var time = "20240102T030405Z"
    }

    struct OracleResult: Decodable {
        var name, url, authorization, canonicalRequest: String
    }

    @Test func botocoreSignsEveryCaseTheSame() throws {
        var ours: [String: HTTPRequest] = [:]
        var oracleCases: [OracleCase] = []
        for testCase in Self.cases {
            var credentials = TestSettings.readme
            credentials.sessionToken = testCase.sessionToken
            let region = testCase.region
            let client = AWSClient(
                service: testCase.service,
                settings: try TestSettings.settings(endpoint: testCase.endpoint, region: region, custom: testCase.custom))
            let request = testCase.request
            let http = client.httpRequest(
                for: request, payloadHash: try client.payloadHash(for: request),
                credentials: credentials, date: TestSettings.readmeDate)
            ours[testCase.name] = http
            var body = Data()
            if case .data(let data) = request.body { body = data }
            let location = client.location(of: request)
            let origin = String(location.url.prefix { $0 != "/" }) + "//" + location.host
            oracleCases.append(
                OracleCase(
                    name: testCase.name, service: testCase.service.signingName, region: region, method: request.method.rawValue,
                    origin: origin, uriTemplate: testCase.uriTemplate, params: testCase.params,
                    query: request.query.map { [$0.name, $0.value] }, headers: request.headers.map { [$0.name, $0.value] },
                    body: String(decoding: body, as: UTF8.self), sessionToken: testCase.sessionToken,
                    unsignedPayload: request.payload == .unsigned))
        }
        let output = try runPythonTool("botocore_sign.py", input: try JSONEncoder().encode(oracleCases))
        let results = try JSONDecoder().decode([OracleResult].self, from: output)
        #expect(results.count == Self.cases.count)
        for result in results {
            let http = try #require(ours[result.name])
            #expect(http.url == result.url, "\(result.name)")
            #expect(http.headers["Authorization"] == result.authorization, "\(result.name)\n\(result.canonicalRequest)")
        }
    }
}
