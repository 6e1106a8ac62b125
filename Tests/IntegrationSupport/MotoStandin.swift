import AWS
import Foundation
import TestSupport
import Testing

/// moto's S3 + CloudFront server (`Tests/Tools/moto_standin.py`), started for one test on a
/// free port and stopped with it. With `auth`, every request after the setup (bucket, IAM user
/// and key, distribution) must be signed by that user; every request is also checked with
/// botocore, so a rejection can be told apart from a moto quirk.
///
/// A missing python3, moto or boto3 makes `init` throw: the test fails, it never skips.
public final class MotoStandin: @unchecked Sendable {
    public struct StartFailure: Error, CustomStringConvertible { public var description: String }

    /// What the stand-in announced.
    public struct Announcement: Decodable {
        public var port: Int
        public var accessKeyId: String
        public var secretAccessKey: String
        public var distributionId: String
        public var buckets: [String]
    }

    /// A request moto answered.
    public struct LoggedRequest: Decodable, Sendable {
        public var method: String
        public var path: String
        public var query: String
        public var status: Int?
        public var userAgent: String
        public var botocoreVerified: Bool?
        public var botocoreReason: String?
        /// When it arrived and when it was answered (or dropped), from one counter.
        public var seq: Int
        public var done: Int?
        /// The fault injected, if any (`500`, `drop`, ...).
        public var fault: String?
        /// The keys a DeleteObjects named.
        public var keys: [String]?

        public var isWrite: Bool { ["PUT", "POST", "DELETE"].contains(method) }
    }

    /// Where a stall stands: requests since it was set, how many wait, how many are unanswered.
    public struct StallStatus: Decodable, Sendable {
        public var arrived: Int
        public var blocked: Int
        public var inFlight: Int
    }

    /// An object as moto stores it.
    public struct StoredObject: Decodable, Sendable {
        public var etag: String
        public var size: Int
        public var md5: String
        /// The MD5 of the bytes after gunzip when `Content-Encoding` is gzip, else of the bytes.
        public var decodedMd5: String?
        public var headers: [String: String]
        public var multipart: Bool
    }

    public struct Invalidation: Decodable, Sendable {
        public var id: String
        public var distributionId: String
        public var paths: [String]
        public var callerReference: String
    }

    public struct Upload: Decodable, Sendable {
        public var key: String
        public var uploadId: String
    }

    public let announcement: Announcement
    public let auth: Bool
    private let server: PythonServer
    /// Holds the missing config files the CLI is pointed at.
    private let folder = TemporaryFolder("tabi-moto")

    public init(auth: Bool = true, buckets: [String] = ["tabi-site"], denyPut: String? = nil) throws {
        self.auth = auth
        var arguments: [String] = []
        if auth { arguments += ["--auth", "--verify"] }
        for bucket in buckets { arguments += ["--bucket", bucket] }
        if let denyPut { arguments += ["--deny-put", denyPut] }
        server = try PythonServer(
            "moto_standin.py", arguments, discardingStandardError: true,
            needs: "python3 with moto[server] and boto3")
        announcement = try JSONDecoder().decode(Announcement.self, from: server.announcement)
    }

    public var endpoint: String { "http://127.0.0.1:\(announcement.port)" }
    public var bucket: String { announcement.buckets[0] }
    public var distributionId: String { announcement.distributionId }

    /// The environment the CLI runs in: this server, the IAM user's keys (or `secret`), no
    /// config files, no instance metadata.
    public func environment(secret: String? = nil) -> [String: String?] {
        [
            "AWS_ENDPOINT_URL": endpoint, "AWS_ENDPOINT_URL_S3": nil, "AWS_ENDPOINT_URL_CLOUDFRONT": nil,
            "AWS_ACCESS_KEY_ID": announcement.accessKeyId, "AWS_SECRET_ACCESS_KEY": secret ?? announcement.secretAccessKey,
            "AWS_SESSION_TOKEN": nil, "AWS_PROFILE": nil, "AWS_DEFAULT_PROFILE": nil,
            "AWS_REGION": "us-east-1", "AWS_CONFIG_FILE": folder("config").path,
            "AWS_SHARED_CREDENTIALS_FILE": folder("credentials").path, "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_MAX_ATTEMPTS": "3",
        ]
    }

    /// Settings for an in-process S3 client signed by the IAM user.
    public func settings() throws -> AWSSettings {
        AWSSettings(
            endpoint: try AWSEndpoint(url: endpoint, signingRegion: "us-east-1", isCustom: true),
            credentials: StaticCredentialsProvider(
                AWSCredentials(
                    accessKeyId: announcement.accessKeyId,
                    secretAccessKey: announcement.secretAccessKey)))
    }

    // MARK: - Control endpoints

    private func control<T: Decodable>(_ command: String, method: HTTPMethod = .get) async throws -> T {
        let response = try await HTTPClient.shared.send(HTTPRequest(method: method, url: endpoint + "/__standin/" + command))
        #expect(response.status == 200, "moto_standin \(command): \(response.text)")
        return try JSONDecoder().decode(T.self, from: response.body)
    }

    /// Every request since the start (or the last ``resetLog()``).
    public func requests() async throws -> [LoggedRequest] { try await control("requests") }

    public func resetLog() async throws {
        let _: [String: String] = try await control("reset", method: .post)
    }

    /// What the bucket holds under `prefix`, by key.
    public func objects(prefix: String = "", bucket: String? = nil) async throws -> [String: StoredObject] {
        let encoded = AWSPercentEncoding.encode(prefix)
        return try await control("objects?bucket=\(bucket ?? self.bucket)&prefix=\(encoded)")
    }

    public func invalidations() async throws -> [Invalidation] { try await control("invalidations") }

    /// Puts an object as the IAM user would (a record another run left, say).
    public func put(_ data: Data, key: String, bucket: String? = nil) async throws {
        _ = try await S3Client(settings: try settings(), bucket: bucket ?? self.bucket).putObject(key: key, body: .data(data), md5: nil)
    }

    // MARK: - Faults and stalls

    /// From now on fails requests (matching `match`, a regex on `METHOD /path?query`) with
    /// probability `rate`, taking `kinds` in turn; rate 0 stops. Returns nothing.
    public func injectFaults(rate: Double, seed: Int = 1, kinds: [String] = [], match: String? = nil) async throws {
        var config: [String: Any] = ["rate": rate, "seed": seed, "kinds": kinds]
        if let match { config["match"] = match }
        let body = try JSONSerialization.data(withJSONObject: config)
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: endpoint + "/__standin/faults", body: .data(body)))
        #expect(response.status == 200, "moto_standin faults: \(response.text)")
    }

    /// How many faults of each kind were injected.
    public func faultsInjected() async throws -> [String: Int] { try await control("faults") }

    /// Lets the next `after` requests through and holds every later one until ``release()``.
    public func stall(after: Int) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["after": after])
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: endpoint + "/__standin/stall", body: .data(body)))
        #expect(response.status == 200, "moto_standin stall: \(response.text)")
    }

    public func stallStatus() async throws -> StallStatus { try await control("stall") }

    /// Lets held requests go on to moto (as a server finishes what it fully received) and
    /// waits until every request is answered.
    public func release() async throws {
        let _: [String: String] = try await control("release", method: .post)
        while try await stallStatus().inFlight > 0 { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Whether an invalidation so far covers `path`, exactly or with a wildcard.
    public func invalidationsCover(_ path: String) async throws -> Bool {
        try await invalidations().flatMap(\.paths).contains { $0 == path || ($0.hasSuffix("*") && path.hasPrefix($0.dropLast())) }
    }

    /// The bytes of `key` as a reader gets them once decoded (gunzipped when stored with
    /// `Content-Encoding: gzip`), read from moto's backend; `nil` when there is no such key.
    public func body(of key: String, bucket: String? = nil) async throws -> Data? {
        let url = endpoint + "/__standin/body?bucket=\(bucket ?? self.bucket)&key=\(AWSPercentEncoding.encode(key))"
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .get, url: url))
        if response.status == 404 { return nil }
        #expect(response.status == 200, "moto_standin body: \(response.text)")
        return response.body
    }

    public func uploadsInProgress() async throws -> [Upload] { try await control("uploads?bucket=\(bucket)") }

    /// Expects every request so far to carry a signature botocore accepts for the IAM user.
    public func expectAllSigned(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard auth else { return }
        // A request whose client died mid-body never reached moto (nor botocore).
        for request in try await requests() where request.botocoreVerified != true && request.fault != "clientGone" {
            Issue.record(
                "\(request.method) \(request.path)?\(request.query) is not signed right: \(request.botocoreReason ?? "no signature")",
                sourceLocation: sourceLocation)
        }
    }
}
