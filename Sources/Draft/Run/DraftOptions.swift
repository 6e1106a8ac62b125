import ContentStore
import Foundation
import TabiCore

/// What one `draft` run does: which trips, how many at once, and what it may overwrite.
public struct DraftOptions: Sendable {
    /// The content folder.
    public var content: ContentDirectory
    /// The trips to draft, by slug (`--slug`) and by id (`--trip`); both empty for every trip.
    public var slugs: [String]
    public var tripIds: [String]
    /// The most trips drafted, and calls in flight, at once.
    public var concurrency: Int
    /// Send trips whose inputs did not change.
    public var force: Bool
    /// Replace `story.md` even when a writer edited it (instead of writing `story.draft.md`).
    public var overwriteEdits: Bool
    /// Decide and report what would be done, calling nothing and writing nothing.
    public var dryRun: Bool
    /// `narrator:` from `tabi.yml` (token limit, budget, draft flag, prices).
    public var settings: NarratorSettings
    /// The site's language (a BCP 47 tag), which stories are written in.
    public var language: String
    /// Show a progress bar (or progress lines) on standard error.
    public var progress: StageProgress?

    public init(
        content: URL, settings: NarratorSettings = .defaults, language: String = "en", tripIds: [String] = [], slugs: [String] = [],
        concurrency: Int = 4, force: Bool = false, overwriteEdits: Bool = false, dryRun: Bool = false,
        progress: StageProgress? = nil
    ) {
        self.content = ContentDirectory(root: content)
        self.settings = settings
        self.language = language
        self.tripIds = tripIds
        self.slugs = slugs
        self.concurrency = max(concurrency, 1)
        self.force = force
        self.overwriteEdits = overwriteEdits
        self.dryRun = dryRun
        self.progress = progress
    }

    /// Whether stories from `narrator` get `draft: true`: `narrator.markDraft`, else true for models.
    public func markDraft(for narrator: NarratorIdentity) -> Bool {
        settings.markDraft ?? narrator.isModel
    }
}
