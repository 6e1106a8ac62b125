import AWS
import Foundation
import Logging
import TabiCore

/// Makes the narrator a run asks for from the settings and the environment, checking up front
/// what would otherwise fail every call: an unknown narrator, a missing model, missing credentials.
public struct NarratorSetup: Sendable {
    /// `offline`, `bedrock` or `openai` (the command line's `--narrator`, else `narrator.kind`).
    public var kind: String
    /// The model (the command line's `--model`, else `narrator.model`).
    public var model: String?
    /// `invoke` or `converse` (`--bedrock-api`, else `narrator.bedrockAPI`).
    public var bedrockAPI: String
    /// The AWS profile asked for by name (`--profile`).
    public var profile: String?
    /// The environment (AWS settings, `OPENAI_BASE_URL`, `OPENAI_API_KEY`).
    public var environment: [String: String]
    /// Where retries are logged.
    public var logger: Logger

    public init(
        settings: NarratorSettings, kind: String? = nil, model: String? = nil, bedrockAPI: String? = nil,
        profile: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "tabi.draft")
    ) {
        self.kind = kind ?? settings.kind
        self.model = model ?? settings.model
        self.bedrockAPI = bedrockAPI ?? settings.bedrockAPI
        self.profile = profile
        self.environment = environment
        self.logger = logger
        anthropicVersion = settings.anthropicVersion
    }

    private var anthropicVersion: String

    /// The narrator. `checkCredentials` resolves AWS credentials now (a dry run skips it).
    public func make(checkCredentials: Bool = true) async throws(DraftSetupError) -> any Narrator {
        switch kind {
        case "offline":
            return OfflineNarrator()
        case "bedrock":
            return try await bedrock(checkCredentials: checkCredentials)
        case "openai":
            return try openAI()
        default:
            throw DraftSetupError(message: "unknown narrator \"\(kind)\": use offline, bedrock or openai")
        }
    }

    private func bedrock(checkCredentials: Bool) async throws(DraftSetupError) -> any Narrator {
        let model = self.model ?? NarratorSettings.defaultBedrockModel
        let settings: AWSSettings
        do {
            var configuration = try AWSConfiguration.load(environment: environment, profile: profile)
            configuration.logger = logger
            settings = try configuration.settings(for: .bedrockRuntime)
        } catch {
            throw DraftSetupError(message: error.description)
        }
        if checkCredentials {
            do {
                _ = try await settings.credentials.credentials()
            } catch {
                throw DraftSetupError(message: "the bedrock narrator needs AWS credentials: \(error.description)")
            }
        }
        switch bedrockAPI {
        case "invoke": return BedrockInvokeNarrator(settings: settings, model: model, anthropicVersion: anthropicVersion)
        case "converse": return BedrockConverseNarrator(settings: settings, model: model)
        default: throw DraftSetupError(message: "unknown Bedrock API \"\(bedrockAPI)\": use invoke or converse")
        }
    }

    private func openAI() throws(DraftSetupError) -> any Narrator {
        guard let model else {
            throw DraftSetupError(message: "the openai narrator needs a model: give --model or narrator.model in tabi.yml")
        }
        let configured = environment["OPENAI_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        let base = configured ?? OpenAINarrator.defaultBaseURL
        guard HTTPURLParts(base) != nil else {
            throw DraftSetupError(message: "OPENAI_BASE_URL \(base) is not an http(s) URL with a host")
        }
        let key = environment["OPENAI_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        // A self-hosted server may need no key; OpenAI's own endpoint always does.
        if key == nil, configured == nil {
            throw DraftSetupError(message: "the openai narrator needs OPENAI_API_KEY (or OPENAI_BASE_URL for a server that needs no key)")
        }
        return OpenAINarrator(baseURL: base, apiKey: key, model: model, logger: logger)
    }
}
