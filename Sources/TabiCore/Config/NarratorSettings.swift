/// How `draft` writes stories; `narrator:` in `tabi.yml`. Every key is optional.
///
/// The defaults are those of the app's original Lambda (Claude 3 Sonnet on Bedrock through
/// InvokeModel, `anthropic_version: bedrock-2023-05-31`, `max_tokens: 2000`), with the offline
/// narrator chosen so that nothing leaves the machine unless a site asks for it.
public struct NarratorSettings: Codable, Sendable, Equatable {
    /// `offline`, `bedrock` or `openai`.
    public var kind: String
    /// The model id for `bedrock` (default ``defaultBedrockModel``) or `openai` (required);
    /// `offline` needs none.
    public var model: String?
    /// The Bedrock API: `invoke` (InvokeModel with an Anthropic messages body) or `converse`.
    public var bedrockAPI: String
    /// The most tokens one answer may have (`max_tokens`).
    public var maxTokens: Int
    /// Sampling temperature; `nil` leaves the model's default.
    public var temperature: Double?
    /// The `anthropic_version` of InvokeModel bodies.
    public var anthropicVersion: String
    /// The most characters of trip facts one call carries; a longer trip is drafted in parts
    /// that are then joined.
    public var chunkCharacters: Int
    /// The prompt template itself (Mustache), replacing the theme's and the built-in one.
    public var prompt: String?
    /// A file holding the prompt template, relative to the working directory.
    public var promptFile: String?
    /// Whether generated stories get `draft: true` (kept off the site until a writer clears it).
    /// `nil`: true for model narrators, false for the offline one.
    public var markDraft: Bool?
    /// USD per million tokens by model id, for the cost estimate in the report.
    public var prices: [String: ModelPrice]

    /// Claude 3 Sonnet, the model of the app's original Lambda.
    public static let defaultBedrockModel = "anthropic.claude-3-sonnet-20240229-v1:0"

    /// The list prices of the default model (on-demand, us-east-1); `prices:` in `tabi.yml`
    /// adds to them and overrides them per model.
    public static let defaultPrices = [defaultBedrockModel: ModelPrice(input: 3, output: 15)]

    public static let defaults = NarratorSettings(kind: "offline")

    public init(
        kind: String, model: String? = nil, bedrockAPI: String = "invoke", maxTokens: Int = 2000,
        temperature: Double? = nil, anthropicVersion: String = "bedrock-2023-05-31",
        chunkCharacters: Int = 60_000, prompt: String? = nil, promptFile: String? = nil,
        markDraft: Bool? = nil, prices: [String: ModelPrice] = NarratorSettings.defaultPrices
    ) {
        self.kind = kind
        self.model = model
        self.bedrockAPI = bedrockAPI
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.anthropicVersion = anthropicVersion
        self.chunkCharacters = chunkCharacters
        self.prompt = prompt
        self.promptFile = promptFile
        self.markDraft = markDraft
        self.prices = prices
    }

    enum CodingKeys: String, CodingKey {
        case kind, model, bedrockAPI, maxTokens, temperature, anthropicVersion, chunkCharacters, prompt, promptFile,
            markDraft, prices
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = NarratorSettings.defaults
        self.init(
            kind: try c.decodeIfPresent(String.self, forKey: .kind) ?? d.kind,
            model: try c.decodeIfPresent(String.self, forKey: .model),
            bedrockAPI: try c.decodeIfPresent(String.self, forKey: .bedrockAPI) ?? d.bedrockAPI,
            maxTokens: try c.decodeIfPresent(Int.self, forKey: .maxTokens) ?? d.maxTokens,
            temperature: try c.decodeIfPresent(Double.self, forKey: .temperature),
            anthropicVersion: try c.decodeIfPresent(String.self, forKey: .anthropicVersion) ?? d.anthropicVersion,
            chunkCharacters: try c.decodeIfPresent(Int.self, forKey: .chunkCharacters) ?? d.chunkCharacters,
            prompt: try c.decodeIfPresent(String.self, forKey: .prompt),
            promptFile: try c.decodeIfPresent(String.self, forKey: .promptFile),
            markDraft: try c.decodeIfPresent(Bool.self, forKey: .markDraft),
            prices: d.prices.merging(try c.decodeIfPresent([String: ModelPrice].self, forKey: .prices) ?? [:]) { $1 })
        if maxTokens < 1 {
            throw DecodingError.dataCorruptedError(forKey: .maxTokens, in: c, debugDescription: "must be at least 1")
        }
        if chunkCharacters < 1_000 {
            throw DecodingError.dataCorruptedError(forKey: .chunkCharacters, in: c, debugDescription: "must be at least 1000")
        }
    }
}

/// What a model costs, in US dollars per million tokens.
public struct ModelPrice: Codable, Sendable, Equatable {
    /// USD per million input (prompt) tokens.
    public var input: Double
    /// USD per million output (completion) tokens.
    public var output: Double

    public init(input: Double, output: Double) {
        self.input = input
        self.output = output
    }

    /// The cost of `inputTokens` and `outputTokens`, in USD.
    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * input + Double(outputTokens) * output) / 1_000_000
    }
}
