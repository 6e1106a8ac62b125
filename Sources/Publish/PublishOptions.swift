import AWS
import Foundation
import TabiCore

/// Everything one publish needs, resolved by the caller (the CLI or a test).
public struct PublishOptions: Sendable {
    /// The built site (`Output/`).
    public var output: URL
    public var bucket: String
    /// Where the site goes in the bucket.
    public var keys: PublishKeys
    /// The CloudFront distribution to invalidate; `nil` for none.
    public var distributionId: String?
    /// How keys map to the distribution's paths.
    public var cdnPaths: CloudFrontPaths
    /// Print the plan and write nothing.
    public var dryRun: Bool
    /// The most deletes a plan may carry.
    public var maxDeletes: Int
    /// Requests in flight at once.
    public var concurrency: Int
    public var multipart: MultipartSettings
    /// `publish:` of `tabi.yml` (gzip, header rules).
    public var settings: PublishSettings
    public var invalidation: InvalidationBatcher
    /// Draw upload progress on standard error.
    public var progress: StageProgress?
    /// The private state location (`--state`, `publish.state`); `nil` keeps only what anyone
    /// may read, in the served `_tabi/publish/`.
    public var state: S3Location?

    public init(
        output: URL, bucket: String, keys: PublishKeys, distributionId: String? = nil,
        cdnPaths: CloudFrontPaths = CloudFrontPaths(originPath: ""), dryRun: Bool = false,
        maxDeletes: Int = PublishSettings.defaults.maxDeletes, concurrency: Int = 16,
        multipart: MultipartSettings = .defaults, settings: PublishSettings = .defaults,
        invalidation: InvalidationBatcher = InvalidationBatcher(), progress: StageProgress? = nil,
        state: S3Location? = nil
    ) {
        self.output = output
        self.bucket = bucket
        self.keys = keys
        self.distributionId = distributionId
        self.cdnPaths = cdnPaths
        self.dryRun = dryRun
        self.maxDeletes = maxDeletes
        self.concurrency = max(concurrency, 1)
        self.multipart = multipart
        self.settings = settings
        self.invalidation = invalidation
        self.progress = progress
        self.state = state
    }
}
