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
    /// Draw progress (a bar on a terminal, lines otherwise).
    public var showProgress: Bool

    public init(content: URL, output: URL, theme: URL, media: any MediaSource, config: SiteConfig,
                concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, showProgress: Bool = false) {
        self.content = content
        self.output = output
        self.theme = theme
        self.media = media
        self.config = config
        self.concurrency = max(1, concurrency)
        self.showProgress = showProgress
    }
}
