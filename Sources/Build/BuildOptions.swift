import Foundation
import Images
import TabiCore

/// Everything one build needs, resolved by the caller (the CLI or a test).
public struct BuildOptions: Sendable {
    /// The content folder (`Content/`).
    public var content: URL
    /// Where the site goes (`Output/`).
    public var output: URL
    /// The theme folder (`Themes/default`).
    public var theme: URL
    /// Where photo originals are read by storage key.
    public var media: any MediaSource
    public var config: SiteConfig
    /// How many photos are encoded at once.
    public var concurrency: Int
    /// Where progress goes (the command line draws it); nil: nowhere.
    public var progress: StageProgress?
    /// A writer's preview (`tabi-press preview`): stories marked `draft: true` are shown, with a
    /// note, and each `story.draft.md` gets a page of its own. Never for a site that is published.
    public var preview = false

    public init(
        content: URL, output: URL, theme: URL, media: any MediaSource, config: SiteConfig,
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, progress: StageProgress? = nil
    ) {
        self.content = content
        self.output = output
        self.theme = theme
        self.media = media
        self.config = config
        self.concurrency = max(1, concurrency)
        self.progress = progress
    }
}
