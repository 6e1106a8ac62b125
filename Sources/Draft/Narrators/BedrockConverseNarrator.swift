import AWS
import Foundation

/// Bedrock's `Converse` API: one request shape for every text model Bedrock hosts.
public struct BedrockConverseNarrator: Narrator {
    private let runtime: BedrockRuntime

    public init(settings: AWSSettings, model: String) {
        runtime = BedrockRuntime(settings: settings, model: model)
    }

    public var identity: NarratorIdentity { NarratorIdentity(kind: "bedrock-converse", model: runtime.model, isModel: true) }

    public var transport: NarratorTransportMetrics { runtime.transport }

    public func complete(_ request: NarrationRequest) async throws(NarrationError) -> NarrationResponse {
        let body = Body(
            messages: [Body.Message(role: "user", content: [Body.Content(text: request.prompt)])],
            inferenceConfig: Body.InferenceConfig(maxTokens: request.maxTokens, temperature: request.temperature))
        let answer = try await runtime.call("Converse", action: "converse", body: body, as: Answer.self)
        return NarrationResponse(
            text: ModelJSON.text(answer.output.message.content.map(\.text)),
            usage: TokenUsage(input: answer.usage?.inputTokens ?? 0, output: answer.usage?.outputTokens ?? 0),
            stopReason: StopReason(answer.stopReason))
    }

    // MARK: - Wire format

    struct Body: Encodable {
        var messages: [Message]
        var inferenceConfig: InferenceConfig

        struct Message: Encodable {
            var role: String
            var content: [Content]
        }

        struct Content: Encodable {
            var text: String
        }

        struct InferenceConfig: Encodable {
            var maxTokens: Int
            var temperature: Double?
        }
    }

    struct Answer: Decodable {
        var output: Output
        var usage: Usage?
        var stopReason: String?

        struct Output: Decodable {
            var message: Message
        }

        struct Message: Decodable {
            var content: [Block]
        }

        struct Block: Decodable {
            var text: String?
        }

        struct Usage: Decodable {
            var inputTokens: Int?
            var outputTokens: Int?
        }
    }
}
