/// Writes text from a prompt: a model behind an API, or the offline writer.
///
/// Implementations: ``BedrockInvokeNarrator``, ``BedrockConverseNarrator``, ``OpenAINarrator``,
/// ``OfflineNarrator``. They retry what is worth retrying themselves; an error they throw is final.
public protocol Narrator: Sendable {
    /// Who writes, recorded with each story and part of its input hash.
    var identity: NarratorIdentity { get }

    /// One call: the prompt in, the answer's text and token counts out.
    func complete(_ request: NarrationRequest) async throws(NarrationError) -> NarrationResponse

    /// What the transport has done so far (retries, throttling), for the run report.
    var transport: NarratorTransportMetrics { get }
}

extension Narrator {
    public var transport: NarratorTransportMetrics { NarratorTransportMetrics() }
}

/// A narrator's name, model and version.
public struct NarratorIdentity: Sendable, Hashable, CustomStringConvertible {
    /// `bedrock-invoke`, `bedrock-converse`, `openai` or `offline`.
    public var kind: String
    /// The model id, for model narrators.
    public var model: String?
    /// A version of the narrator's own writing (the offline writer), so changing it redrafts.
    public var version: String?
    /// Whether a model writes (invents prose): its stories are `draft: true` unless the site says otherwise.
    public var isModel: Bool

    public init(kind: String, model: String?, version: String? = nil, isModel: Bool) {
        self.kind = kind
        self.model = model
        self.version = version
        self.isModel = isModel
    }

    public var description: String { model.map { "\(kind) \($0)" } ?? kind }
}

/// One call to a narrator.
public struct NarrationRequest: Sendable {
    /// The rendered prompt (the user message).
    public var prompt: String
    /// The most tokens the answer may have.
    public var maxTokens: Int
    /// Sampling temperature; `nil` for the model's default.
    public var temperature: Double?
    /// What the prompt asks for, with the facts it was made from (the offline narrator writes from these).
    public var task: NarrationTask
    /// The trip's slug, for logs and errors.
    public var trip: String

    public init(prompt: String, maxTokens: Int, temperature: Double?, task: NarrationTask, trip: String) {
        self.prompt = prompt
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.task = task
        self.trip = trip
    }
}

/// What a call asks for.
public enum NarrationTask: Sendable, Equatable {
    /// The whole story of a trip that fits one call.
    case whole(NarrationFacts)
    /// The Markdown of part `part` (1-based) of `parts`, from some of the trip's posts.
    case section(NarrationFacts, part: Int, parts: Int)
    /// One story from section drafts (`final`), or one longer section from several (a join round).
    case join(overview: NarrationFacts, sections: [String], final: Bool)

    /// Whether the answer is a whole story with front matter.
    public var wantsStory: Bool {
        switch self {
        case .whole: true
        case .section: false
        case .join(_, _, let final): final
        }
    }
}

/// A narrator's answer.
public struct NarrationResponse: Sendable, Equatable {
    /// The answer's text, as the model gave it (validated by the caller).
    public var text: String
    /// Tokens in and out, as the service counted them.
    public var usage: TokenUsage
    /// Why the model stopped.
    public var stopReason: StopReason

    public init(text: String, usage: TokenUsage, stopReason: StopReason) {
        self.text = text
        self.usage = usage
        self.stopReason = stopReason
    }
}

/// Input and output tokens.
public struct TokenUsage: Sendable, Hashable {
    public var input: Int
    public var output: Int

    public init(input: Int = 0, output: Int = 0) {
        self.input = input
        self.output = output
    }

    /// Saturating: the counts come from the service, and a hostile one could send `Int.max`.
    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        func sum(_ a: Int, _ b: Int) -> Int {
            let (total, overflow) = a.addingReportingOverflow(b)
            return overflow ? (b < 0 ? .min : .max) : total
        }
        return TokenUsage(input: sum(lhs.input, rhs.input), output: sum(lhs.output, rhs.output))
    }

    public static func += (lhs: inout TokenUsage, rhs: TokenUsage) { lhs = lhs + rhs }
}

/// Why a model stopped writing.
public enum StopReason: Sendable, Hashable {
    /// It finished (`end_turn`, `stop`, a stop sequence).
    case finished
    /// It hit the token limit: the answer is cut off.
    case maxTokens
    /// Anything else the service said (`content_filtered`, `guardrail_intervened`, ...).
    case other(String)

    /// Reads the services' spellings.
    init(_ text: String?) {
        switch text {
        case nil, "end_turn", "stop_sequence", "stop", "eos": self = .finished
        case "max_tokens", "length": self = .maxTokens
        case let other?: self = .other(other)
        }
    }
}

/// Retries and throttling a narrator's transport has seen.
public struct NarratorTransportMetrics: Sendable, Hashable {
    /// HTTP sends that were retries.
    public var retries = 0
    /// Retries because the service throttled.
    public var throttled = 0

    public init(retries: Int = 0, throttled: Int = 0) {
        self.retries = retries
        self.throttled = throttled
    }
}
