/// How `draft` writes stories; `narrator:` in `tabi.yml`. Filled in by the draft stage.
public struct NarratorSettings: Codable, Sendable, Equatable {
    /// `offline`, `bedrock` or `openai`.
    public var kind: String
    /// The model id for `bedrock` or `openai`; `offline` needs none.
    public var model: String?

    public static let defaults = NarratorSettings(kind: "offline", model: nil)

    public init(kind: String, model: String?) {
        self.kind = kind
        self.model = model
    }
}
