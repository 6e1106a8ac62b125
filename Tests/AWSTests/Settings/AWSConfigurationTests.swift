import AWS
import Foundation
import TestSupport
import Testing

/// Region, endpoint, retry and addressing resolution from the environment and shared files.
@Suite struct AWSConfigurationTests {
    let folder = TemporaryFolder("aws-settings")

    func configuration(_ extra: [String: String] = [:], config: String = "", profile: String? = nil) throws -> AWSConfiguration {
        try config.write(to: folder("config"), atomically: true, encoding: .utf8)
        let environment = ["HOME": folder.url.path, "AWS_CONFIG_FILE": folder("config").path].merging(extra) { $1 }
        return try AWSConfiguration.load(environment: environment, profile: profile)
    }

    static let config = """
        [default]
        region = ap-northeast-1

        [profile local]
        region = us-west-2
        services = local-services
        endpoint_url = http://profile-wide:1234
        max_attempts = 8
        s3 =
          addressing_style = virtual

        [services local-services]
        s3 =
          endpoint_url = http://127.0.0.1:9000
        bedrock_runtime =
          endpoint_url = http://127.0.0.1:9001/proxy/
        """

    @Test func regionComesFromAWSRegionThenDefaultRegionThenTheProfile() throws {
        #expect(
            try configuration(["AWS_REGION": "eu-west-1", "AWS_DEFAULT_REGION": "eu-west-2"], config: Self.config).region == "eu-west-1")
        #expect(try configuration(["AWS_DEFAULT_REGION": "eu-west-2"], config: Self.config).region == "eu-west-2")
        #expect(try configuration(config: Self.config).region == "ap-northeast-1")
        #expect(try configuration(["AWS_PROFILE": "local"], config: Self.config).region == "us-west-2")
        #expect(try configuration(config: Self.config, profile: "local").region == "us-west-2")
    }

    @Test func defaultEndpoints() throws {
        let configuration = try configuration(["AWS_REGION": "eu-west-3"])
        let bedrock = try configuration.settings(for: .bedrockRuntime)
        #expect(bedrock.endpoint.url == "https://bedrock-runtime.eu-west-3.amazonaws.com")
        #expect(bedrock.region == "eu-west-3")
        #expect(bedrock.timeouts == AWSSettings.modelTimeouts)
        let s3 = try configuration.settings(for: .s3)
        #expect(s3.endpoint.url == "https://s3.eu-west-3.amazonaws.com")
        #expect(s3.s3Addressing == .virtualHosted)
        #expect(!s3.endpoint.isCustom)
        let cloudFront = try configuration.settings(for: .cloudFront)
        #expect(cloudFront.endpoint.url == "https://cloudfront.amazonaws.com")
        #expect(cloudFront.region == "us-east-1")
        #expect(try self.configuration(["AWS_REGION": "cn-north-1"]).endpoint(for: .s3).url == "https://s3.cn-north-1.amazonaws.com.cn")
    }

    @Test func endpointOrder() throws {
        let all = ["AWS_PROFILE": "local", "AWS_ENDPOINT_URL_S3": "http://specific:4566", "AWS_ENDPOINT_URL": "http://global:4566"]
        #expect(try configuration(all, config: Self.config).endpoint(for: .s3).url == "http://specific:4566")
        #expect(try configuration(all, config: Self.config).endpoint(for: .cloudFront).url == "http://global:4566")
        let profileOnly = ["AWS_PROFILE": "local"]
        #expect(try configuration(profileOnly, config: Self.config).endpoint(for: .s3).url == "http://127.0.0.1:9000")
        let proxied = try configuration(profileOnly, config: Self.config).endpoint(for: .bedrockRuntime)
        #expect(proxied.url == "http://127.0.0.1:9001/proxy")
        #expect(proxied.basePath == "/proxy")
        #expect(try configuration(profileOnly, config: Self.config).endpoint(for: .cloudFront).url == "http://profile-wide:1234")
        let ignored = try configuration(all.merging(["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]) { $1 }, config: Self.config)
        #expect(try ignored.endpoint(for: .s3).url == "https://s3.us-west-2.amazonaws.com")
        #expect(
            try configuration(["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": "http://127.0.0.1:5000"])
                .endpoint(for: .bedrockRuntime).url == "http://127.0.0.1:5000")
    }

    @Test func customEndpointsUsePathStyleUnlessTheProfileSaysOtherwise() throws {
        let custom = try configuration(["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:9000"]).settings(for: .s3)
        #expect(custom.endpoint.isCustom)
        #expect(custom.s3Addressing == .path)
        #expect(try configuration(["AWS_PROFILE": "local"], config: Self.config).settings(for: .s3).s3Addressing == .virtualHosted)
    }

    @Test func retriesComeFromTheEnvironmentThenTheProfile() throws {
        #expect(try configuration(["AWS_REGION": "us-east-1"]).retryPolicy().maxAttempts == 5)
        #expect(try configuration(["AWS_PROFILE": "local"], config: Self.config).retryPolicy().maxAttempts == 8)
        #expect(try configuration(["AWS_PROFILE": "local", "AWS_MAX_ATTEMPTS": "2"], config: Self.config).retryPolicy().maxAttempts == 2)
        #expect(throws: AWSConfigurationError(setting: "AWS_MAX_ATTEMPTS", reason: "zero is not a whole number of at least 1")) {
            try configuration(["AWS_MAX_ATTEMPTS": "zero"]).retryPolicy()
        }
    }

    @Test func missingRegionAndBadEndpointsAreClearErrors() throws {
        #expect(
            throws: AWSConfigurationError(
                setting: "region", reason: "S3 needs a region: set AWS_REGION, or region in profile default of \(folder("config").path)")
        ) {
            try configuration().settings(for: .s3)
        }
        #expect(throws: AWSConfigurationError(setting: "AWS_ENDPOINT_URL_S3", reason: "ftp://x is not an http(s) URL with a host")) {
            try configuration(["AWS_REGION": "us-east-1", "AWS_ENDPOINT_URL_S3": "ftp://x"]).settings(for: .s3)
        }
    }

    @Test func configFileParsing() throws {
        let file = try AWSConfigFile.parse(
            """
            ; a comment
            [ profile   spaced ]
            Region = eu-central-1
            s3 =
                max_concurrent_requests = 20
              addressing_style = path
            after = nested
            """, path: "cfg")
        let section = try #require(file.sections["profile spaced"])
        #expect(section.values == ["region": "eu-central-1", "after": "nested"])
        #expect(section.nested["s3"] == ["max_concurrent_requests": "20", "addressing_style": "path"])
        #expect(throws: AWSConfigurationError(setting: "cfg line 1", reason: "a setting must come after a [section] header")) {
            try AWSConfigFile.parse("region = x", path: "cfg")
        }
        #expect(throws: AWSConfigurationError(setting: "cfg line 2", reason: "expected key = value")) {
            try AWSConfigFile.parse("[default]\nnonsense", path: "cfg")
        }
    }

    @Test func bucketAddressing() throws {
        let aws = AWSClient(service: .s3, settings: try TestSettings.settings(endpoint: "https://s3.us-east-1.amazonaws.com"))
        #expect(
            aws.location(of: AWSRequest(operation: "GetObject", method: .get, bucket: "tabi-site", path: .key("a/b c"))).url
                == "https://tabi-site.s3.us-east-1.amazonaws.com/a/b%20c")
        #expect(
            aws.location(
                of: AWSRequest(operation: "ListObjectsV2", method: .get, bucket: "tabi-site", query: [AWSQueryItem("list-type", "2")])
            ).url
                == "https://tabi-site.s3.us-east-1.amazonaws.com/?list-type=2")
        // A dotted name would not match the *.s3 certificate, an upper-case one is not a host label.
        #expect(
            aws.location(of: AWSRequest(operation: "GetObject", method: .get, bucket: "www.example.com", path: .key("k"))).url
                == "https://s3.us-east-1.amazonaws.com/www.example.com/k")
        #expect(
            aws.location(of: AWSRequest(operation: "GetObject", method: .get, bucket: "Old_Bucket", path: .key("k"))).host
                == "s3.us-east-1.amazonaws.com")
        let local = AWSClient(service: .s3, settings: try TestSettings.settings(endpoint: "http://127.0.0.1:9000/base", custom: true))
        let location = local.location(of: AWSRequest(operation: "PutObject", method: .put, bucket: "tabi-site", path: .key("x/y")))
        #expect(location.url == "http://127.0.0.1:9000/base/tabi-site/x/y")
        #expect(location.host == "127.0.0.1:9000")
        let defaultPort = AWSClient(
            service: .cloudFront, settings: try TestSettings.settings(endpoint: "https://cloudfront.amazonaws.com:443"))
        #expect(defaultPort.location(of: AWSRequest(operation: "X", method: .get)).host == "cloudfront.amazonaws.com")
    }

    @Test func pathsEncodeTheirParts() {
        #expect(AWSPath.segments("model", "a:b/c d", "invoke").encoded == "/model/a%3Ab%2Fc%20d/invoke")
        #expect(AWSPath.key("trips/京都/a+b.html").encoded == "/trips/%E4%BA%AC%E9%83%BD/a%2Bb.html")
        #expect(AWSPath.key("/lead//double/../dots").encoded == "//lead//double/../dots")
        #expect(AWSPath.raw("already%20encoded").encoded == "/already%20encoded")
        #expect(AWSQueryItem.parse("a=1&b&c=%2F+") == [AWSQueryItem("a", "1"), AWSQueryItem("b"), AWSQueryItem("c", "/+")])
    }
}
