import AWS
import Concurrency
import Foundation
import Logging
import TabiCore

/// An OpenAI-compatible `POST {base}/chat/completions` endpoint (OpenAI, or a self-hosted server
/// such as vLLM, llama.cpp or Ollama), with `Authorization: Bearer` when a key is given.
///
/// Retries follow the same policy and classification as the AWS calls (throttling, 5xx, 408 and
/// lost connections, `Retry-After` honoured), except that an exhausted quota is not retried.
public struct OpenAINarrator: Narrator {
    /// The base URL including `/v1`, without a trailing slash.
    public let baseURL: String
    public let model: String
    private let apiKey: String?
    private let retry: RetryPolicy
    private let clock: AWSClock
    private let timeouts: HTTPTimeouts
    private let httpClient: HTTPClient
    private let logger: Logger
    private let counters = Locked(NarratorTransportMetrics())

    /// OpenAI's own endpoint, the default base URL.
    public static let defaultBaseURL = "https://api.openai.com/v1"

    public init(
        baseURL: String = OpenAINarrator.defaultBaseURL, apiKey: String?, model: String, retry: RetryPolicy = .batch,
        clock: AWSClock = .system, timeouts: HTTPTimeouts = AWSSettings.modelTimeouts, httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "tabi.draft")
    ) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.model = model
        self.retry = retry
        self.clock = clock
        self.timeouts = timeouts
        self.httpClient = httpClient
        self.logger = logger
    }

    public var identity: NarratorIdentity { NarratorIdentity(kind: "openai", model: model, isModel: true) }

    public var transport: NarratorTransportMetrics { counters.withLock { $0 } }

    private var host: String { HTTPURLParts(baseURL)?.authority ?? baseURL }

    private var subject: String { "OpenAI chat completions at \(host) (\(model))" }

    public func complete(_ request: NarrationRequest) async throws(NarrationError) -> NarrationResponse {
        let body = Body(
            model: model, messages: [Body.Message(role: "user", content: request.prompt)], maxTokens: request.maxTokens,
            temperature: request.temperature)
        var headers: HTTPHeaders = [("Content-Type", "application/json"), ("Accept", "application/json")]
        if let apiKey { headers.add("Authorization", "Bearer \(apiKey)") }
        let http = HTTPRequest(
            method: .post, url: baseURL + "/chat/completions", headers: headers,
            body: .data(ModelJSON.encode(body)), timeouts: timeouts, maxResponseBytes: ModelAnswer.maxResponseBytes)
        let response = try await send(http)
        let answer: Answer
        do {
            answer = try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw NarrationError(
                kind: .invalidResponse,
                message: "\(subject) answered with JSON that is not a chat completion (\(ModelJSON.describe(error)))")
        }
        guard let choice = answer.choices.first else {
            throw NarrationError(kind: .invalidResponse, message: "\(subject) answered with no choices")
        }
        return NarrationResponse(
            text: choice.message.content ?? "",
            usage: TokenUsage(input: answer.usage?.promptTokens ?? 0, output: answer.usage?.completionTokens ?? 0),
            stopReason: StopReason(choice.finishReason))
    }

    // MARK: - Attempts

    private func send(_ request: HTTPRequest) async throws(NarrationError) -> HTTPResponse {
        let subject = subject
        return try await RetryLoop(policy: retry, sleep: clock.sleep).run { _ async -> AttemptResult<HTTPResponse, NarrationError> in
            do throws(HTTPError) {
                let response = try await httpClient.send(request)
                if response.isSuccess { return .success(response) }
                let error = ErrorBody(response.body)
                let code = error.code.map { AWSRedaction.redact($0, secrets: secrets) } ?? "HTTP"
                // An exhausted quota stays exhausted however often it is asked.
                let reason =
                    error.code == "insufficient_quota" ? nil : AWSRetryClassifier.classify(status: response.status, code: error.code)
                let message = error.message.map { ": " + AWSRedaction.redact($0, secrets: secrets) } ?? ""
                let kind: NarrationError.Kind =
                    response.status == 401 || response.status == 403
                        || NarrationError.authenticationCodes.contains(code) ? .authentication : .service
                return .failure(
                    NarrationError(kind: kind, message: "\(subject) failed: \(code) (\(response.status))\(message)"), retry: reason,
                    retryAfter: RetryAfter.delay(in: response.headers, now: clock.now()))
            } catch {
                if error.kind == .cancelled {
                    return .failure(NarrationError(kind: .cancelled, message: "\(subject) was cancelled"), retry: nil)
                }
                return .failure(
                    NarrationError(
                        kind: .transport, message: "\(subject) failed: \(AWSRedaction.redact(error.description, secrets: secrets))"),
                    retry: HTTPRetryClassifier.classify(error))
            }
        } beforeRetry: { retry in
            counters.withLock {
                $0.retries += 1
                if retry.reason == .throttled { $0.throttled += 1 }
            }
            logger.notice(
                "\(retry.failure.message); retry \(retry.number) of \(self.retry.maxAttempts - 1) in \(String(format: "%.1f s", retry.delay.secondsValue)))"
            )
        } cancelled: { _, _ in
            NarrationError(kind: .cancelled, message: "\(subject) was cancelled")
        } givingUp: { failure, attempts in
            attempts > 1 && failure.kind != .cancelled
                ? NarrationError(kind: failure.kind, message: "\(failure.message) [after \(attempts) attempts]") : failure
        }
    }

    private var secrets: [String] { apiKey.map { [$0] } ?? [] }

    // MARK: - Wire format

    struct Body: Encodable {
        var model: String
        var messages: [Message]
        var maxTokens: Int
        var temperature: Double?

        struct Message: Encodable {
            var role: String
            var content: String
        }

        enum CodingKeys: String, CodingKey { case model, messages, maxTokens = "max_tokens", temperature }
    }

    struct Answer: Decodable {
        var choices: [Choice]
        var usage: Usage?

        struct Choice: Decodable {
            var message: Message
            var finishReason: String?

            enum CodingKeys: String, CodingKey { case message, finishReason = "finish_reason" }
        }

        struct Message: Decodable {
            var content: String?
        }

        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?

            enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens", completionTokens = "completion_tokens" }
        }
    }

    /// `{"error": {"message", "type", "code"}}`, as OpenAI and most compatible servers answer.
    struct ErrorBody {
        var code: String?
        var message: String?

        init(_ body: Data) {
            guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
                let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                message = text.isEmpty ? nil : text
                return
            }
            let error = object["error"] as? [String: Any] ?? object
            code = (error["code"] as? String) ?? (error["type"] as? String)
            message = (error["message"] as? String) ?? (object["error"] as? String)
        }
    }
}
