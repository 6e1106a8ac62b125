import AWS
import Draft
import Foundation
import Images
import Publish
import Render
import TabiCore

/// Everything one nightly run (or one shard of it) needs: the stages' own options, and where the
/// site and its state are.
public struct NightlyOptions: Sendable {
    /// The content folder: the only thing a worker keeps between runs (`trips/` in it).
    public var content: URL
    public var config: SiteConfig
    /// The bytes `config` was read from (empty for the embedded defaults): part of every trip's inputs.
    public var configText: String
    public var theme: URL
    public var media: any MediaSource
    /// Where the site goes: a bucket (``BucketStore``) or a folder (``FolderStore``).
    public var site: any ObjectStore
    /// Where the run's records go; never inside what readers can fetch.
    public var state: any ObjectStore
    /// The distribution to invalidate, with how keys map to its paths; nil without one.
    public var cdn: CDN?
    /// Which trips this worker handles.
    public var shard: TripShard
    /// Names one night's run, the same for all its shards.
    public var run: String
    /// Run the finalize step when this shard finds every shard of the run done.
    public var autoFinalize: Bool
    /// Say what would be done, per trip, and do nothing.
    public var dryRun: Bool
    /// How long the lock holds without being renewed.
    public var leaseDuration: Duration
    /// Photos encoded, pages rendered and objects sent at once.
    public var concurrency: Int
    /// The `extract` step's database (nil: DATABASE_URL, then libpq's PG* variables); skipped
    /// entirely with ``skipExtract``.
    public var databaseURL: String?
    public var skipExtract: Bool
    public var maxWithdrawals: Int
    /// The narrator for the draft step; nil skips drafting.
    public var narrator: (any Narrator)?
    public var prompt: PromptTemplate
    /// Refuse a run that deletes more site objects than this.
    public var maxDeletes: Int
    /// Read and hash every trip's files, even those whose stamps (size, modification time) are
    /// the ones recorded (`--rehash`): for a tool that rewrites files and restores their times.
    public var rehash = false

    /// A CloudFront distribution and how keys map to its paths.
    public struct CDN: Sendable {
        public var client: CloudFrontClient
        public var distributionId: String
        public var paths: CloudFrontPaths
        public var keys: PublishKeys
        public var batcher: InvalidationBatcher

        public init(
            client: CloudFrontClient, distributionId: String, paths: CloudFrontPaths, keys: PublishKeys,
            batcher: InvalidationBatcher = InvalidationBatcher()
        ) {
            self.client = client
            self.distributionId = distributionId
            self.paths = paths
            self.keys = keys
            self.batcher = batcher
        }
    }

    public init(
        content: URL, config: SiteConfig, configText: String, theme: URL, media: any MediaSource,
        site: any ObjectStore, state: any ObjectStore, cdn: CDN? = nil, shard: TripShard = .all,
        run: String, autoFinalize: Bool = true, dryRun: Bool = false, leaseDuration: Duration = .seconds(3 * 3600),
        concurrency: Int = ProcessInfo.processInfo.activeProcessorCount, databaseURL: String? = nil,
        skipExtract: Bool = false, maxWithdrawals: Int = 25, narrator: (any Narrator)? = nil,
        prompt: PromptTemplate = .builtIn, maxDeletes: Int = 256
    ) {
        self.content = content
        self.config = config
        self.configText = configText
        self.theme = theme
        self.media = media
        self.site = site
        self.state = state
        self.cdn = cdn
        self.shard = shard
        self.run = run
        self.autoFinalize = autoFinalize
        self.dryRun = dryRun
        self.leaseDuration = leaseDuration
        self.concurrency = max(1, concurrency)
        self.databaseURL = databaseURL
        self.skipExtract = skipExtract
        self.maxWithdrawals = maxWithdrawals
        self.narrator = narrator
        self.prompt = prompt
        self.maxDeletes = maxDeletes
    }
}
