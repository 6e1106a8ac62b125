import AWS
import Foundation

/// Settings for tests: fixed credentials, an endpoint, no real waiting.
enum TestSettings {
    static let readme = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    /// 2024-01-02T03:04:05Z, the time of the README's service vectors.
    static let readmeDate = Date(timeIntervalSince1970: 1_704_164_645)

    static func settings(
        endpoint: String, region: String = "us-east-1", custom: Bool = false,
        credentials: AWSCredentials = readme, retry: RetryPolicy = .batch,
        clock: AWSClock = AWSClock(now: { readmeDate }, sleep: { _ in }),
        httpClient: HTTPClient = .shared
    ) throws -> AWSSettings {
        AWSSettings(
            endpoint: try AWSEndpoint(url: endpoint, signingRegion: region, isCustom: custom),
            credentials: StaticCredentialsProvider(credentials), retry: retry, httpClient: httpClient, clock: clock)
    }
}

extension HTTPRequest {
    /// The `Signature=` part of the Authorization header.
    var signature: String? {
        headers["Authorization"]?.components(separatedBy: "Signature=").last
    }

    /// The `SignedHeaders=` part of the Authorization header.
    var signedHeaders: String? {
        headers["Authorization"]?.components(separatedBy: "SignedHeaders=").last?.components(separatedBy: ",").first
    }
}
