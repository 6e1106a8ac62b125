import AWS
import ArgumentParser
import Console
import Foundation
import Publish
import TabiCore

/// `tabi-press publish`: Output/ → an S3 bucket behind CloudFront.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Upload what changed in Output/ to an S3 bucket and invalidate it on CloudFront.",
        discussion: """
            Plans first (a listing of the bucket, content hashes of the output), then uploads in an \
            order that never shows a reader a broken site: media and assets, pages, listings, then \
            deletes. Headers per file come from publish.headers in tabi.yml and the built-in rules. \
            AWS credentials, region and endpoints are found as the AWS CLI finds them. \
            Links and special files in Output/ are refused (named, never read, their keys kept). \
            Exit codes: 0 published, 1 some keys failed or were refused, 2 nothing was done (bad options, \
            credentials, listing, a --state the distribution serves, or a plan over --max-deletes).
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The built site.", valueName: "dir"))
    var output: String = "Output"

    @Option(help: "The S3 bucket.")
    var bucket: String

    @Option(help: "A key prefix in the bucket to publish under (a folder, e.g. blog/).")
    var prefix: String = ""

    @Option(name: .customLong("distribution"), help: ArgumentHelp("The CloudFront distribution id to invalidate.", valueName: "id"))
    var distributionId: String?

    @Option(help: "The distribution's origin path, when it is not the bucket root (e.g. /blog for --prefix blog/).")
    var originPath: String = ""

    @Option(
        help: ArgumentHelp(
            "Where to keep what may name unlisted pages (owed invalidation paths, the build's manifest): "
                + "an S3 location the distribution does not serve (default: publish.state in tabi.yml; "
                + "without one, nothing naming a path is kept).", valueName: "s3://bucket[/prefix]"))
    var state: String?

    @Flag(help: "Print the plan and write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("Refuse a plan deleting more objects (default: publish.maxDeletes in tabi.yml, 256).", valueName: "n"))
    var maxDeletes: Int?

    @Option(
        help: ArgumentHelp(
            "How long to keep asking while CloudFront has too many invalidations in progress.",
            valueName: "seconds"))
    var invalidationWait: Int = 600

    @Option(help: ArgumentHelp("Requests in flight at once.", valueName: "n"))
    var concurrency: Int = 16

    @Option(
        help: ArgumentHelp("Files larger than this go up in parts (bytes, or with K, M, G; default 16M).", valueName: "size"),
        transform: ByteSize.parse)
    var multipartThreshold: Int64 = MultipartSettings.defaults.threshold

    @Option(help: ArgumentHelp("The size of multipart parts, at least 5M (default 8M).", valueName: "size"), transform: ByteSize.parse)
    var partSize: Int64 = MultipartSettings.defaults.partSize

    @Option(help: ArgumentHelp("The AWS profile (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    func validate() throws {
        guard !bucket.isEmpty else { throw ValidationError("--bucket must name a bucket") }
        guard invalidationWait >= 0 else { throw ValidationError("--invalidation-wait must be 0 or more seconds") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard multipartThreshold > 0 else { throw ValidationError("--multipart-threshold must be at least 1 byte") }
        guard partSize >= S3Client.minimumPartSize else { throw ValidationError("--part-size must be at least 5M (S3's smallest part)") }
        if let maxDeletes, maxDeletes < 0 { throw ValidationError("--max-deletes must be 0 or more") }
        if let state, S3Location(url: state) == nil { throw ValidationError("--state must be s3://bucket[/prefix], not \(state)") }
    }

    mutating func run() async throws {
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let options = try publishOptions(config)
        let publisher = try makePublisher(options)
        let quiet = site.quiet, verbose = site.verbose, dryRun = dryRun
        let report: PublishReport
        do {
            report = try await publisher.publish { planned in
                if !quiet { print(PlanText.headline(planned)) }
                let details = PlanText.details(planned)
                if (dryRun || verbose) && !details.isEmpty { print(details) }
            }
        } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
        print(report.summary)
        if report.failed { throw ExitCode(1) }
    }

    private func publishOptions(_ config: SiteConfig) throws -> PublishOptions {
        let keys: PublishKeys
        do { keys = try PublishKeys(prefix: prefix) } catch { throw CLIFailure(message: error.description, code: 2) }
        let cdnPaths = CloudFrontPaths(originPath: originPath)
        guard keys.prefix.hasPrefix(cdnPaths.originPrefix) else {
            throw CLIFailure(
                message: "--origin-path \(originPath) must be the start of --prefix \(prefix): "
                    + "the distribution could not serve the keys otherwise", code: 2)
        }
        var stateLocation: S3Location?
        if let url = state ?? config.publish.state {
            guard let location = S3Location(url: url) else {
                throw CLIFailure(message: "tabi.yml: publish.state must be s3://bucket[/prefix], not \(url)", code: 2)
            }
            stateLocation = location
        }
        return PublishOptions(
            output: URL(fileURLWithPath: output), bucket: bucket, keys: keys, distributionId: distributionId,
            cdnPaths: cdnPaths, dryRun: dryRun, maxDeletes: maxDeletes ?? config.publish.maxDeletes,
            concurrency: concurrency,
            multipart: MultipartSettings(threshold: multipartThreshold, partSize: partSize),
            settings: config.publish, progress: site.quiet || dryRun ? nil : ProgressDrawer().progress, state: stateLocation)
    }

    private func makePublisher(_ options: PublishOptions) throws -> Publisher {
        do {
            let aws = try AWSConfiguration.load(profile: profile)
            let s3 = S3Client(settings: try aws.settings(for: .s3), bucket: bucket)
            let cloudFront = try distributionId.map { _ in
                CloudFrontClient(settings: try aws.settings(for: .cloudFront), busyWait: .seconds(invalidationWait))
            }
            return Publisher(options: options, s3: s3, cloudFront: cloudFront)
        } catch {
            throw CLIFailure(message: "\(error)", code: 2)
        }
    }
}

/// Byte sizes on the command line: `16777216`, `16M`, `512K`, `1G` (powers of 1024).
enum ByteSize {
    static func parse(_ text: String) throws -> Int64 {
        let units: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = Substring(text.uppercased())
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.hasSuffix("B") { digits = digits.dropLast() }
        var multiplier: Int64 = 1
        if let last = digits.last, let unit = units[last] {
            multiplier = unit
            digits = digits.dropLast()
        }
        guard let value = Int64(digits), value >= 0 else { throw ValidationError("\(text) is not a size (bytes, or with K, M, G)") }
        return value * multiplier
    }
}
