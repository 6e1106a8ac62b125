import AWS
import Foundation
import Testing
import TestSupport

/// moto's S3 + CloudFront server (`Tests/Tools/moto_standin.py`), started for one test on a
/// free port and stopped with it. With `auth`, every request after the setup (bucket, IAM user
/// and key, distribution) must be signed by that user; every request is also checked with
/// botocore, so a rejection can be told apart from a moto quirk.
///
/// A missing python3, moto or boto3 makes `init` throw: the test fails, it never skips.
final class MotoStandin: @unchecked Sendable {
    struct StartFailure: Error, CustomStringConvertible { var description: String }

    /// What the stand-in announced.
    struct Announcement: Decodable {
        var port: Int
        var accessKeyId: String
        var secretAccessKey: String
        var distributionId: String
        var buckets: [String]
    }

    /// A request moto answered.
    struct LoggedRequest: Decodable, Sendable {
        var method: String
        var path: String
        var query: String
        var status: Int?
        var userAgent: String
        var botocoreVerified: Bool?
        var botocoreReason: String?
        /// When it arrived and when it was answered (or dropped), from one counter.
        var seq: Int
        var done: Int?
        /// The fault injected, if any (`500`, `drop`, ...).
        var fault: String?
        /// The keys a DeleteObjects named.
        var keys: [String]?

        var isWrite: Bool { ["PUT", "POST", "DELETE"].contains(method) }
    }

    /// Where a stall stands: requests since it was set, how many wait, how many are unanswered.
    struct StallStatus: Decodable, Sendable {
        var arrived: Int
        var blocked: Int
        var inFlight: Int
    }

    /// An object as moto stores it.
    struct StoredObject: Decodable, Sendable {
        var etag: String
        var size: Int
        var md5: String
        /// The MD5 of the bytes after gunzip when `Content-Encoding` is gzip, else of the bytes.
        var decodedMd5: String?
        var headers: [String: String]
        var multipart: Bool
    }

    struct Invalidation: Decodable, Sendable {
        var id: String
        var distributionId: String
        var paths: [String]
        var callerReference: String
    }

    struct Upload: Decodable, Sendable {
        var key: String
        var uploadId: String
    }

    let announcement: Announcement
    let auth: Bool
    private let server: PythonServer
    /// Holds the missing config files the CLI is pointed at.
    private let folder = TemporaryFolder("tabi-moto")

    init(auth: Bool = true, buckets: [String] = ["tabi-site"], denyPut: String? = nil) throws {
        self.auth = auth
        var arguments: [String] = []
        if auth { arguments += ["--auth", "--verify"] }
        for bucket in buckets { arguments += ["--bucket", bucket] }
        if let denyPut { arguments += ["--deny-put", denyPut] }
        server = try PythonServer("moto_standin.py", arguments, discardingStandardError: true,
                                  needs: "python3 with moto[server] and boto3")
        announcement = try JSONDecoder().decode(Announcement.self, from: server.announcement)
    }

    var endpoint: String { "http://127.0.0.1:\(announcement.port)" }
    var bucket: String { announcement.buckets[0] }
    var distributionId: String { announcement.distributionId }

    /// The environment the CLI runs in: this server, the IAM user's keys (or `secret`), no
    /// config files, no instance metadata.
    func environment(secret: String? = nil) -> [String: String?] {
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
    func settings() throws -> AWSSettings {
        AWSSettings(endpoint: try AWSEndpoint(url: endpoint, signingRegion: "us-east-1", isCustom: true),
                    credentials: StaticCredentialsProvider(AWSCredentials(accessKeyId: announcement.accessKeyId,
                                                                          secretAccessKey: announcement.secretAccessKey)))
    }

    // MARK: - Control endpoints

    private func control<T: Decodable>(_ command: String, method: HTTPMethod = .get) async throws -> T {
        let response = try await HTTPClient.shared.send(HTTPRequest(method: method, url: endpoint + "/__standin/" + command))
        #expect(response.status == 200, "moto_standin \(command): \(response.text)")
        return try JSONDecoder().decode(T.self, from: response.body)
    }

    /// Every request since the start (or the last ``resetLog()``).
    func requests() async throws -> [LoggedRequest] { try await control("requests") }

    func resetLog() async throws {
        let _: [String: String] = try await control("reset", method: .post)
    }

    /// What the bucket holds under `prefix`, by key.
    func objects(prefix: String = "", bucket: String? = nil) async throws -> [String: StoredObject] {
        let encoded = AWSPercentEncoding.encode(prefix)
        return try await control("objects?bucket=\(bucket ?? self.bucket)&prefix=\(encoded)")
    }

    func invalidations() async throws -> [Invalidation] { try await control("invalidations") }

    // MARK: - Faults and stalls

    /// From now on fails requests (matching `match`, a regex on `METHOD /path?query`) with
    /// probability `rate`, taking `kinds` in turn; rate 0 stops. Returns nothing.
    func injectFaults(rate: Double, seed: Int = 1, kinds: [String] = [], match: String? = nil) async throws {
        var config: [String: Any] = ["rate": rate, "seed": seed, "kinds": kinds]
        if let match { config["match"] = match }
        let body = try JSONSerialization.data(withJSONObject: config)
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: endpoint + "/__standin/faults", body: .data(body)))
        #expect(response.status == 200, "moto_standin faults: \(response.text)")
    }

    /// How many faults of each kind were injected.
    func faultsInjected() async throws -> [String: Int] { try await control("faults") }

    /// Lets the next `after` requests through and holds every later one until ``release()``.
    func stall(after: Int) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["after": after])
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: endpoint + "/__standin/stall", body: .data(body)))
        #expect(response.status == 200, "moto_standin stall: \(response.text)")
    }

    func stallStatus() async throws -> StallStatus { try await control("stall") }

    /// Lets held requests go on to moto (as a server finishes what it fully received) and
    /// waits until every request is answered.
    func release() async throws {
        let _: [String: String] = try await control("release", method: .post)
        while try await stallStatus().inFlight > 0 { try await Task.sleep(for: .milliseconds(20)) }
    }

    /// Whether an invalidation so far covers `path`, exactly or with a wildcard.
    func invalidationsCover(_ path: String) async throws -> Bool {
        try await invalidations().flatMap(\.paths).contains { $0 == path || ($0.hasSuffix("*") && path.hasPrefix($0.dropLast())) }
    }

    /// The bytes of `key` as a reader gets them once decoded (gunzipped when stored with
    /// `Content-Encoding: gzip`), read from moto's backend; `nil` when there is no such key.
    func body(of key: String, bucket: String? = nil) async throws -> Data? {
        let url = endpoint + "/__standin/body?bucket=\(bucket ?? self.bucket)&key=\(AWSPercentEncoding.encode(key))"
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .get, url: url))
        if response.status == 404 { return nil }
        #expect(response.status == 200, "moto_standin body: \(response.text)")
        return response.body
    }

    func uploadsInProgress() async throws -> [Upload] { try await control("uploads?bucket=\(bucket)") }

    /// Expects every request so far to carry a signature botocore accepts for the IAM user.
    func expectAllSigned(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        guard auth else { return }
        // A request whose client died mid-body never reached moto (nor botocore).
        for request in try await requests() where request.botocoreVerified != true && request.fault != "clientGone" {
            Issue.record("\(request.method) \(request.path)?\(request.query) is not signed right: \(request.botocoreReason ?? "no signature")",
                         sourceLocation: sourceLocation)
        }
    }
}
