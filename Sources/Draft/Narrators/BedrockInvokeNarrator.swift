import AWS
import Foundation

/// Bedrock `InvokeModel` with an Anthropic messages body, as the app's original Lambda called it
/// (`anthropic_version: bedrock-2023-05-31`). For Anthropic models; others use ``BedrockConverseNarrator``.
public struct BedrockInvokeNarrator: Narrator {
    private let runtime: BedrockRuntime
    private let anthropicVersion: String

    public init(settings: AWSSettings, model: String, anthropicVersion: String = "bedrock-2023-05-31") {
        runtime = BedrockRuntime(settings: settings, model: model)
        self.anthropicVersion = anthropicVersion
    }

    public var identity: NarratorIdentity { NarratorIdentity(kind: "bedrock-invoke", model: runtime.model, isModel: true) }

    public var transport: NarratorTransportMetrics { runtime.transport }

    public func complete(_ request: NarrationRequest) async throws(NarrationError) -> NarrationResponse {
        let body = Body(
            anthropicVersion: anthropicVersion, maxTokens: request.maxTokens, temperature: request.temperature,
            messages: [Body.Message(role: "user", content: [Body.Content(type: "text", text: request.prompt)])])
        let answer = try await runtime.call("InvokeModel", action: "invoke", body: body, as: Answer.self)
        return NarrationResponse(
            text: ModelJSON.text(answer.content.filter { $0.type == "text" }.map(\.text)),
            usage: TokenUsage(input: answer.usage?.inputTokens ?? 0, output: answer.usage?.outputTokens ?? 0),
            stopReason: StopReason(answer.stopReason))
    }

    // MARK: - Wire format

    struct Body: Encodable {
        var anthropicVersion: String
        var maxTokens: Int
        var temperature: Double?
        var messages: [Message]

        struct Message: Encodable {
            var role: String
            var content: [Content]
        }

        struct Content: Encodable {
            var type: String
            var text: String
        }

        enum CodingKeys: String, CodingKey {
            case anthropicVersion = "anthropic_version", maxTokens = "max_tokens", temperature, messages
        }
    }

    struct Answer: Decodable {
        var content: [Block]
        var usage: Usage?
        var stopReason: String?

        struct Block: Decodable {
            var type: String
            var text: String?
        }

        struct Usage: Decodable {
            var inputTokens: Int?
            var outputTokens: Int?

            enum CodingKeys: String, CodingKey { case inputTokens = "input_tokens", outputTokens = "output_tokens" }
        }

        enum CodingKeys: String, CodingKey { case content, usage, stopReason = "stop_reason" }
    }
}
