import TabiCore

/// Everything a draft depends on, hashed into ``GenerationRecord/inputHash``: when none of it
/// changed, the same call would be made again, so none is made.
public struct DraftInputs: Sendable, Equatable {
    /// The trip's facts as the prompt carries them.
    public var factsJSON: String
    /// The prompt template's text.
    public var template: String
    /// Who writes: narrator kind and model (and the offline writer's version).
    public var narrator: NarratorIdentity
    /// Every option that changes what is asked or written.
    public var maxTokens: Int
    public var temperature: Double?
    public var chunkCharacters: Int
    public var markDraft: Bool
    public var language: String

    public init(
        factsJSON: String, template: String, narrator: NarratorIdentity, maxTokens: Int, temperature: Double?,
        chunkCharacters: Int, markDraft: Bool, language: String
    ) {
        self.factsJSON = factsJSON
        self.template = template
        self.narrator = narrator
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.chunkCharacters = chunkCharacters
        self.markDraft = markDraft
        self.language = language
    }

    /// Hex SHA-256 over a fixed, line-per-field layout (so adding a field later changes every hash
    /// once, on purpose, rather than colliding).
    public var hash: String {
        let lines = [
            "tabi-press draft inputs v1",
            "narrator: \(narrator.kind)",
            "model: \(narrator.model ?? "-")",
            "narrator version: \(narrator.version ?? "-")",
            "max tokens: \(maxTokens)",
            "temperature: \(temperature.map { "\($0)" } ?? "-")",
            "chunk characters: \(chunkCharacters)",
            "mark draft: \(markDraft)",
            "language: \(language)",
            "template sha256: \(ContentHash.sha256(template))",
            "facts sha256: \(ContentHash.sha256(factsJSON))",
        ]
        return ContentHash.sha256(lines.joined(separator: "\n"))
    }
}
