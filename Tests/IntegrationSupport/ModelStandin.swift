import AWS
import Draft
import Foundation
import TestSupport

/// `Tests/Tools/bedrock_standin.py` started for one test: Bedrock InvokeModel and Converse with
/// every signature checked by botocore, OpenAI chat completions with a bearer key, and a log of
/// every model request's body.
public final class ModelStandin: @unchecked Sendable {
    public static let accessKey = "AKIDNARRATETEST"
    public static let secret = "narrate/Secret+Key/0123456789abcdefEXAMPLE"
    public static let openAIKey = "sk-narrate-test-0123456789abcdef"
    public static let model = "anthropic.claude-3-sonnet-20240229-v1:0"

    public let server: PythonServer
    private let folder = TemporaryFolder("model-standin")
    public var logFile: URL { folder("requests.jsonl") }

    /// A stand-in that throttles every `throttleEvery`th new request once, answers a `faults`
    /// share of attempts with a fault of `faultKinds` (all when empty; see the script), and waits
    /// `answerDelay` seconds before each answer.
    public init(
        throttleEvery: Int = 0, faults: Double = 0, faultKinds: [String] = [], faultSeed: String = "0",
        stallSeconds: Double = 3, answerDelay: Double = 0, alsoAccepting: [(accessKey: String, secret: String)] = []
    ) throws {
        server = try PythonServer(
            "bedrock_standin.py",
            alsoAccepting.flatMap { ["--credentials", "\($0.accessKey):\($0.secret)"] } + [
                "--credentials", "\(Self.accessKey):\(Self.secret)",
                "--credentials", "\(Self.temporaryAccessKey):\(Self.temporarySecret):\(Self.sessionToken)",
                "--openai-key", Self.openAIKey,
                "--log", folder("requests.jsonl").path, "--throttle-every", "\(throttleEvery)",
                "--faults", "\(faults)", "--fault-kinds", faultKinds.joined(separator: ","), "--fault-seed", faultSeed,
                "--stall-seconds", "\(stallSeconds)", "--answer-delay", "\(answerDelay)",
            ])
    }

    /// Temporary credentials the stand-in also accepts: a session token to keep out of every log.
    public static let temporaryAccessKey = "ASIANARRATETEMP"
    public static let temporarySecret = "temporary/Secret+Key/NEVER-PRINT-ME-1"
    public static let sessionToken = "FwoGZXIvYXdzEXAMPLE-SESSION-TOKEN-NEVER-PRINT-ME-2"

    // MARK: - Held answers

    /// How many answers (`standin:hold`) are being held.
    public func held() async throws -> Int {
        let response = try await HTTPClient.shared.send(HTTPRequest(method: .get, url: server.baseURL + "/__standin/held"))
        struct Held: Decodable { var held: Int }
        return try JSONDecoder().decode(Held.self, from: response.body).held
    }

    /// Waits until `count` answers are held (or fails after `seconds`: generous, as a loaded machine
    /// running the whole suite may take long to get there).
    public func waitUntilHeld(_ count: Int = 1, seconds: Double = 180) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try await held() < count {
            guard ContinuousClock.now < deadline else { throw HeldTimeout(count: count) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    public struct HeldTimeout: Error, CustomStringConvertible {
        public var count: Int
        public var description: String { "the stand-in never held \(count) answer(s)" }
    }

    /// Lets the answers held now go (a later one waits for the next release).
    public func release() async throws {
        _ = try await HTTPClient.shared.send(HTTPRequest(method: .post, url: server.baseURL + "/__standin/release"))
    }

    // MARK: - Requests

    /// A model request as the stand-in logged it.
    public struct Logged: Decodable {
        public var api: String?
        public var model: String?
        public var method: String
        public var path: String
        public var status: Int
        public var verified: Bool?
        public var verifyError: String?
        public var body: String
        public var prompt: String?
        /// The fault the stand-in answered with (`429`, `drop`, `stall`, ...), if any.
        public var fault: String?

        /// The trip facts JSON the prompt carried (its first line that is a JSON object).
        public var facts: [String: Any] {
            for line in (prompt ?? "").split(separator: "\n") where line.hasPrefix("{") && line.hasSuffix("}") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] { return object }
            }
            return [:]
        }

        /// The titles of the posts in the facts (a whole-trip or part request; none in a join).
        public var postTitles: [String] {
            (facts["posts"] as? [[String: Any]] ?? []).compactMap { $0["title"] as? String }
        }
    }

    /// Every model request so far, in the order answered.
    public func requests() throws -> [Logged] {
        guard let data = FileManager.default.contents(atPath: logFile.path) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { try JSONDecoder().decode(Logged.self, from: Data($0)) }
    }

    /// Settings for Bedrock on the stand-in: fixed credentials, retries that do not wait.
    public func settings(
        secret: String = ModelStandin.secret, maxAttempts: Int = 5,
        timeouts: HTTPTimeouts = AWSSettings.modelTimeouts
    ) throws -> AWSSettings {
        AWSSettings(
            endpoint: try AWSEndpoint(url: server.baseURL, signingRegion: "us-east-1", isCustom: true),
            credentials: StaticCredentialsProvider(AWSCredentials(accessKeyId: Self.accessKey, secretAccessKey: secret)),
            retry: RetryPolicy(maxAttempts: maxAttempts, random: { 0.5 }), timeouts: timeouts, clock: Self.noWaiting)
    }

    /// The narrator for `api` (`invoke`, `converse`, `openai`) on the stand-in.
    public func narrator(
        _ api: String, secret: String = ModelStandin.secret, openAIKey: String = ModelStandin.openAIKey,
        timeouts: HTTPTimeouts = AWSSettings.modelTimeouts
    ) throws -> any Narrator {
        switch api {
        case "invoke": return BedrockInvokeNarrator(settings: try settings(secret: secret, timeouts: timeouts), model: Self.model)
        case "converse": return BedrockConverseNarrator(settings: try settings(secret: secret, timeouts: timeouts), model: Self.model)
        default:
            return OpenAINarrator(
                baseURL: server.baseURL + "/v1", apiKey: openAIKey, model: "gpt-standin",
                retry: RetryPolicy(random: { 0.5 }), clock: Self.noWaiting, timeouts: timeouts)
        }
    }

    /// The environment for running `tabi-press draft` against the stand-in; `temporary` signs with
    /// the temporary credentials and their session token.
    public func environment(secret: String = ModelStandin.secret, temporary: Bool = false) -> [String: String?] {
        [
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": server.baseURL, "AWS_ACCESS_KEY_ID": temporary ? Self.temporaryAccessKey : Self.accessKey,
            "AWS_SECRET_ACCESS_KEY": temporary ? Self.temporarySecret : secret, "AWS_SESSION_TOKEN": temporary ? Self.sessionToken : nil,
            "AWS_REGION": "us-east-1", "AWS_PROFILE": nil,
            "AWS_CONFIG_FILE": "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/credentials",
            "AWS_EC2_METADATA_DISABLED": "true", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": nil,
            "AWS_CONTAINER_CREDENTIALS_FULL_URI": nil, "AWS_MAX_ATTEMPTS": "2",
            "OPENAI_BASE_URL": server.baseURL + "/v1", "OPENAI_API_KEY": Self.openAIKey,
        ]
    }

    public static let noWaiting = AWSClock(now: { Date() }, sleep: { _ in })
}
