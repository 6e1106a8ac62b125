import ArgumentParser
import AWS
import Build
import Console
import Foundation
import Vips
import Images

/// `tabi-press build`: Content/ → Output/.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render Content/ into a static site in Output/, with optimized images.",
        discussion: """
            Writes only files whose bytes changed and removes what the site no longer has. \
            A broken trip, story or photo is reported and skipped; the rest is built. \
            Exit codes: 0 built, 1 built with failures, 2 could not build.
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The content folder (trips/<slug>/trip.json and story.md).")
    var content: String = "Content"

    @Option(help: "Where the site is written.")
    var output: String = "Output"

    @Option(help: "The theme folder (default: Themes/<theme from tabi.yml>).")
    var theme: String?

    @Option(help: "Where photo originals resolve by storage key: a folder, or s3://bucket[/prefix] (default: <content>/media).")
    var media: String?

    @Option(help: "The AWS profile for --media s3://... (default: AWS_PROFILE, else default).")
    var profile: String?

    @Option(help: "How many photos to encode at once (default: the number of cores).")
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
    }

    mutating func run() async throws {
        Vips.limitMallocArenasToCores()
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let contentURL = URL(fileURLWithPath: content)
        let themeURL = URL(fileURLWithPath: theme ?? "Themes/\(config.theme)")
        let options = BuildOptions(
            content: contentURL, output: URL(fileURLWithPath: output), theme: themeURL,
            media: try MediaOption.source(media, content: contentURL, profile: profile), config: config, concurrency: concurrency,
            progress: site.quiet ? nil : ProgressDrawer().progress)
        let report: BuildReport
        do {
            report = try await SiteBuilder(options: options).build()
        } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
        print(report.summary)
        if report.failed { throw ExitCode(1) }
    }
}
