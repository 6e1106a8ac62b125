import ContentStore

/// What `draft` does with one trip, decided from the files alone before any call: the edit
/// detection at the heart of "edits are sacred".
public enum DraftDecision: Sendable, Equatable {
    /// No call: nothing the draft depends on has changed since the last one.
    case skip(SkipReason)
    /// Call the narrator and write the result to `target`.
    case generate(DraftTarget, because: GenerateReason)

    /// Why a trip is skipped.
    public enum SkipReason: String, Sendable, Equatable {
        /// `story.md` is the last draft, untouched, and the inputs are the same.
        case unchanged
        /// `story.md` is a writer's, and these inputs were drafted already (into `story.md` before
        /// the edit, or into `story.draft.md` beside it).
        case edited
    }

    /// Why a trip is drafted.
    public enum GenerateReason: String, Sendable, Equatable {
        case noStory = "no story.md yet"
        case inputsChanged = "the trip, prompt or model changed"
        case forced = "--force"
        case storyEdited = "story.md was edited, so the draft goes beside it"
        case overwritingEdit = "--overwrite-edits"
    }

    /// Decides from the current `story.md` (its SHA-256, `nil` when there is none), the trip's
    /// record and the hash of today's inputs.
    ///
    /// - No `story.md`: draft it.
    /// - Same inputs as the record (and no `--force`): skip, whoever's the story is.
    /// - `story.md` is the record's (untouched since draft wrote it): replace it.
    /// - Otherwise `story.md` is a writer's: the draft goes to `story.draft.md`, unless
    ///   `--overwrite-edits`.
    public static func decide(
        storySHA256: String?, record: GenerationRecord?, inputHash: String,
        force: Bool, overwriteEdits: Bool
    ) -> DraftDecision {
        guard let storySHA256 else { return .generate(.story, because: .noStory) }
        let isOurs = record?.storySHA256 == storySHA256
        if overwriteEdits, !isOurs { return .generate(.story, because: .overwritingEdit) }
        if !force, record?.inputHash == inputHash { return .skip(isOurs ? .unchanged : .edited) }
        if isOurs { return .generate(.story, because: force ? .forced : .inputsChanged) }
        return .generate(.storyDraft, because: .storyEdited)
    }
}

/// The file a draft is written to. The raw values are the names ``ContentDirectory`` gives them
/// (`DraftTargetTests` holds them equal): a raw value must be a literal.
public enum DraftTarget: String, Sendable, Equatable, Codable {
    /// `story.md`.
    case story = "story.md"
    /// `story.draft.md`, beside a writer's `story.md`.
    case storyDraft = "story.draft.md"

    /// The file's name in the trip's folder.
    public var fileName: String {
        switch self {
        case .story: ContentDirectory.storyFileName
        case .storyDraft: ContentDirectory.proposalFileName
        }
    }
}
