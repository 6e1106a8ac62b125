import AWS
import ArgumentParser
import Build
import ContentStore
import Draft
import Foundation
import Images
import Logging
import Pipeline
import Publish
import TabiCore
import Vips

/// `tabi-press nightly`: extract `--changed` → draft → build → publish → invalidate, costing what
/// changed, on one worker or on many.
struct NightlyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "Publish every change of the night: extract, draft, build and publish only what changed.",
        discussion: """
            A worker keeps nothing but Content/trips/ between runs: what it needs to skip work (each \
            trip's inputs, its pages' hashes, the derivatives that exist, the listings' entries) is in \
            the private state (--state). A night where nothing changed calls no model, encodes no \
            photo, renders no trip page and uploads nothing.

            Sharded: --shards N takes this worker's index from JOB_COMPLETION_INDEX (Kubernetes \
            Indexed Job) or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array job), or --shard K/N gives \
            it. Each shard publishes its own trips; the last one to finish writes the listings and \
            sends the one invalidation (--finalize runs that step alone, --no-auto-finalize leaves \
            it to such a job). Shards of one run share a run id (--run-id, TABI_RUN_ID, or the AWS \
            Batch job id).

            Exit codes: 0 all good; 1 some trips or photos failed (named, the rest published); 2 \
            could not run (database, bucket, model, settings, or another run holds the lock).
            """)

    @OptionGroup var site: SiteOptions

    // MARK: - Content and stages
    @Option(help: ArgumentHelp("The content folder (only its trips/ need to persist between runs).", valueName: "dir"))
    var content: String = "Content"
    @Option(help: ArgumentHelp("The theme folder (default: Themes/<theme from tabi.yml>).", valueName: "dir"))
    var theme: String?
    @Option(
        help: ArgumentHelp(
            "Where photo originals resolve: a folder, or s3://bucket[/prefix] (default: <content>/media).", valueName: "dir-or-s3-url"))
    var media: String?
    @Option(help: ArgumentHelp("The database (default: DATABASE_URL, then libpq's PG* environment).", valueName: "url"))
    var databaseURL: String?
    @Flag(help: "Do not read the database: publish Content/trips/ as it is.")
    var skipExtract = false
    @Option(help: "Who writes the stories; none skips drafting (default: narrator.kind in tabi.yml, else offline).")
    var narrator: PipelineNarratorKind?
    @Option(help: ArgumentHelp("The model id (default: narrator.model in tabi.yml).", valueName: "id"))
    var model: String?
    @Option(
        name: .customLong("bedrock-api"),
        help: "InvokeModel (Anthropic messages) or Converse (default: narrator.bedrockAPI in tabi.yml, else invoke).")
    var bedrockAPI: BedrockAPIKind?

    // MARK: - Where the site and its state go
    @Option(help: "The S3 bucket of the site.")
    var bucket: String?
    @Option(help: "A key prefix in the bucket to publish under (e.g. blog/).")
    var prefix: String = ""
    @Option(
        name: .customLong("site-folder"),
        help: ArgumentHelp("Publish into this folder instead of a bucket (a local origin).", valueName: "dir"))
    var siteFolder: String?
    @Option(name: .customLong("distribution"), help: ArgumentHelp("The CloudFront distribution id to invalidate.", valueName: "id"))
    var distributionId: String?
    @Option(help: "The distribution's origin path, when it is not the bucket root.")
    var originPath: String = ""
    @Option(
        help: ArgumentHelp(
            "Where the run's private records go: s3://bucket[/prefix] or a folder; never where readers can fetch it.",
            valueName: "dir-or-s3-url"))
    var state: String?
    @Option(help: ArgumentHelp("The AWS profile (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    // MARK: - Sharding
    @Option(help: ArgumentHelp("This worker's share of the trips, K/N (K from 0).", valueName: "K/N"))
    var shard: String?
    @Option(
        help: ArgumentHelp(
            "The number of shards; this worker's index comes from JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX.", valueName: "n"))
    var shards: Int?
    @Option(
        help: ArgumentHelp(
            "Names this night's run, the same for all its shards (default: TABI_RUN_ID, else the AWS Batch job id, else a new one).",
            valueName: "id"))
    var runId: String?
    @Flag(help: "Run only the finalize step: listings, orphaned media, one invalidation.")
    var finalize = false
    @Flag(help: "Leave the finalize step to a `--finalize` job instead of the last shard.")
    var noAutoFinalize = false

    // MARK: - Guards and output
    @Flag(help: "List each trip of this shard and what would be done (new, changed, withdrawn, unchanged); touch nothing.")
    var dryRun = false
    @Option(help: ArgumentHelp("Write the run's report as JSON to this file.", valueName: "file"))
    var report: String?
    @Flag(help: "Read and hash every trip's files, even those whose size and modification time are the ones recorded.")
    var rehash = false
    @Option(help: ArgumentHelp("Refuse a run deleting more pages than this (default: publish.maxDeletes in tabi.yml).", valueName: "n"))
    var maxDeletes: Int?
    @Option(help: ArgumentHelp("Refuse an extract withdrawing more trips than this.", valueName: "n"))
    var maxWithdrawals: Int = 25
    @Option(help: ArgumentHelp("Photos encoded and objects sent at once (default: the number of cores).", valueName: "n"))
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: ArgumentHelp("How long the lock holds, in minutes.", valueName: "minutes"))
    var leaseMinutes: Int = 180

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard leaseMinutes > 0 else { throw ValidationError("--lease-minutes must be at least 1") }
        guard (bucket == nil) != (siteFolder == nil) else { throw ValidationError("give either --bucket or --site-folder") }
        if shard != nil, shards != nil { throw ValidationError("give --shard K/N or --shards N, not both") }
        if distributionId != nil, bucket == nil { throw ValidationError("--distribution needs --bucket") }
    }

    mutating func run() async throws {
        Vips.limitMallocArenasToCores()
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let logger = Logger(label: "tabi.nightly")
        let options = try await nightlyOptions(config: config, logger: logger)
        let runner = NightlyRunner(options: options, logger: logger)
        if finalize {
            let result: FinalizeReport
            do { result = try await runner.finalizeOnly() } catch { throw CLIFailure(message: error.description, code: 2) }
            print(result.summary)
            try writeReport(result.json)
            if result.exitCode != 0 { throw ExitCode(result.exitCode) }
            return
        }
        let result: NightlyReport
        do { result = try await runner.run() } catch { throw CLIFailure(message: error.description, code: 2) }
        // The trips left as they were are only named in the report: --verbose lists them in id order with the rest.
        let lines =
            site.verbose
            ? (result.trips + result.unchanged.map(NightlyReport.TripLine.init(unchanged:))).sorted { $0.id < $1.id } : result.trips
        for line in lines where dryRun || site.verbose || !line.failures.isEmpty || (line.action != .unchanged && !site.quiet) {
            print(
                "\(line.id) \(line.slug): \(line.action.rawValue) (\(line.reason))"
                    + (line.failures.isEmpty ? "" : "; " + line.failures.joined(separator: "; ")))
        }
        print(result.summary)
        try writeReport(result.json)
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }

    private func writeReport(_ json: JSONValue) throws {
        guard let report else { return }
        do { try AtomicFile.write(json.encoded(), to: URL(fileURLWithPath: report)) } catch {
            throw CLIFailure(message: "cannot write the report: \(error)", code: 2)
        }
    }

    // MARK: - Options

    private func nightlyOptions(config: SiteConfig, logger: Logger) async throws -> NightlyOptions {
        let environment = ProcessInfo.processInfo.environment
        let shard = try resolvedShard(environment)
        let run =
            runId ?? environment["TABI_RUN_ID"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["AWS_BATCH_JOB_ID"].map { String($0.split(separator: ":").first ?? "") }.flatMap { $0.isEmpty ? nil : $0 }
        if !shard.isWhole, run == nil {
            throw CLIFailure(message: "the shards of one run need one run id: give --run-id or TABI_RUN_ID", code: 2)
        }
        let configPath = site.configPath ?? "tabi.yml"
        let configText = (try? String(contentsOfFile: configPath, encoding: .utf8)) ?? ""
        let contentURL = URL(fileURLWithPath: content)
        let aws =
            bucket == nil && !(state ?? "").hasPrefix("s3://") && !(media ?? "").hasPrefix("s3://")
            ? nil
            : try awsConfiguration()
        let siteStore: any ObjectStore
        var cdn: NightlyOptions.CDN?
        if let bucket {
            let keys: PublishKeys
            do { keys = try PublishKeys(prefix: prefix) } catch { throw CLIFailure(message: error.description, code: 2) }
            let s3 = S3Client(settings: try settings(aws, .s3), bucket: bucket)
            siteStore = BucketStore(s3: s3, prefix: keys.prefix)
            let paths = CloudFrontPaths(originPath: originPath)
            guard keys.prefix.hasPrefix(paths.originPrefix) else {
                throw CLIFailure(message: "--origin-path \(originPath) must be the start of --prefix \(prefix)", code: 2)
            }
            if let distributionId {
                cdn = .init(
                    client: CloudFrontClient(settings: try settings(aws, .cloudFront)), distributionId: distributionId,
                    paths: paths, keys: keys)
            }
            guard let stateURL = state ?? config.publish.state, let location = S3Location(url: stateURL) else {
                throw CLIFailure(
                    message: "nightly keeps its records in a private place: give --state s3://bucket[/prefix] "
                        + "(another bucket, or a prefix the distribution does not serve)", code: 2)
            }
            do { try StateStore.check(location, site: bucket, keys: keys, cdnPaths: paths) } catch {
                throw CLIFailure(message: error.description, code: 2)
            }
        } else {
            siteStore = FolderStore(root: URL(fileURLWithPath: siteFolder ?? "Output"))
        }
        let stateStore: any ObjectStore
        guard let stateURL = state ?? config.publish.state else {
            throw CLIFailure(message: "give --state: a folder, or s3://bucket[/prefix], for the run's private records", code: 2)
        }
        if let location = S3Location(url: stateURL), stateURL.hasPrefix("s3://") {
            stateStore = BucketStore(s3: S3Client(settings: try settings(aws, .s3), bucket: location.bucket), prefix: location.prefix)
        } else {
            let folder = URL(fileURLWithPath: stateURL).standardizedFileURL
            if let siteFolder, folder.path.hasPrefix(URL(fileURLWithPath: siteFolder).standardizedFileURL.path + "/") {
                throw CLIFailure(
                    message: "--state \(stateURL) is inside --site-folder \(siteFolder), where readers could fetch it", code: 2)
            }
            stateStore = FolderStore(root: folder)
        }
        let themeURL = URL(fileURLWithPath: theme ?? "Themes/\(config.theme)")
        var narratorInstance: (any Narrator)?
        var prompt = PromptTemplate.builtIn
        if !finalize, (narrator?.rawValue ?? config.narrator.kind) != "none" {
            do {
                prompt = try PromptTemplate.load(settings: config.narrator, theme: themeURL)
                narratorInstance = try await NarratorSetup(
                    settings: config.narrator, kind: narrator?.rawValue, model: model,
                    bedrockAPI: bedrockAPI?.rawValue, profile: profile, logger: logger
                )
                .make(checkCredentials: !dryRun)
            } catch let error as PromptError {
                throw CLIFailure(message: error.description, code: 2)
            } catch let error as DraftSetupError {
                throw CLIFailure(message: error.description, code: 2)
            }
        }
        var options = NightlyOptions(
            content: contentURL, config: config, configText: configText, theme: themeURL,
            media: try MediaOption.source(media, content: contentURL, profile: profile), site: siteStore, state: stateStore, cdn: cdn,
            shard: shard, run: run ?? "run-\(UUID().uuidString.lowercased().prefix(13))", autoFinalize: !noAutoFinalize,
            dryRun: dryRun, leaseDuration: .seconds(leaseMinutes * 60), concurrency: concurrency,
            databaseURL: databaseURL ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            skipExtract: skipExtract, maxWithdrawals: maxWithdrawals, narrator: dryRun ? nil : narratorInstance,
            prompt: prompt, maxDeletes: maxDeletes ?? config.publish.maxDeletes)
        options.rehash = rehash
        return options
    }

    /// `--shard K/N`, or `--shards N` with K from the engine's environment.
    private func resolvedShard(_ environment: [String: String]) throws -> TripShard {
        do {
            if let shard { return try TripShard(parsing: shard) }
            guard let shards else { return .all }
            let names = ["JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]
            guard let (name, value) = names.lazy.compactMap({ name in environment[name].map { (name, $0) } }).first else {
                if shards == 1 { return .all }
                throw CLIFailure(
                    message: "--shards \(shards) needs this worker's index: JOB_COMPLETION_INDEX (Kubernetes) "
                        + "or AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), or give --shard K/N", code: 2)
            }
            guard let index = Int(value) else { throw CLIFailure(message: "\(name)=\(value) is not a number", code: 2) }
            return try TripShard(index: index, count: shards)
        } catch let error as TripShardError {
            throw CLIFailure(message: error.description, code: 2)
        }
    }

    private func awsConfiguration() throws -> AWSConfiguration {
        do { return try AWSConfiguration.load(profile: profile) } catch { throw CLIFailure(message: "\(error)", code: 2) }
    }

    private func settings(_ aws: AWSConfiguration?, _ service: AWSService) throws -> AWSSettings {
        guard let aws else { throw CLIFailure(message: "no AWS configuration", code: 2) }
        do { return try aws.settings(for: service) } catch { throw CLIFailure(message: "\(error)", code: 2) }
    }
}
