import AWS
import Foundation

/// The part of Amazon Bedrock's runtime API the narrators use: a JSON `POST` to
/// `/model/{modelId}/{invoke|converse}`, signed, retried and counted by ``AWSClient``.
struct BedrockRuntime: Sendable {
    let client: AWSClient
    let model: String

    init(settings: AWSSettings, model: String) {
        client = AWSClient(service: .bedrockRuntime, settings: settings)
        self.model = model
    }

    /// Sends `body` to `operation` (`InvokeModel` at `invoke`, `Converse` at `converse`) and
    /// decodes the answer as `Answer`.
    func call<Answer: Decodable>(
        _ operation: String, action: String, body: some Encodable,
        as answer: Answer.Type
    ) async throws(NarrationError) -> Answer {
        let request = AWSRequest(
            operation: operation, method: .post, path: .segments("model", model, action),
            headers: [("Content-Type", "application/json"), ("Accept", "application/json")],
            body: .data(ModelJSON.encode(body)), resource: model, maxResponseBytes: ModelAnswer.maxResponseBytes)
        let response: HTTPResponse
        do {
            response = try await client.send(request)
        } catch {
            throw NarrationError(error)
        }
        do {
            return try JSONDecoder().decode(Answer.self, from: response.body)
        } catch {
            throw NarrationError(
                kind: .invalidResponse,
                message:
                    "Bedrock Runtime \(operation) \(model) answered with JSON that is not a \(operation) response (\(ModelJSON.describe(error)))"
            )
        }
    }

    /// Retries and throttling so far.
    var transport: NarratorTransportMetrics {
        let metrics = client.metrics
        return NarratorTransportMetrics(retries: metrics.retries, throttled: metrics.throttled)
    }
}
