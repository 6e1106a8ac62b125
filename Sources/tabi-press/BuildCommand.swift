import AWS
import ArgumentParser
import Build
import Console
import Foundation
import Images
import Vips

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

    @OptionGroup var inputs: BuildInputOptions

    @Option(help: ArgumentHelp("Where the site is written.", valueName: "dir"))
    var output: String = "Output"

    @Option(help: ArgumentHelp("How many photos to encode at once (default: the number of cores).", valueName: "n"))
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
    }

    mutating func run() async throws {
        Vips.limitMallocArenasToCores()
        let config = try site.loadConfig()
        site.bootstrapLogging()
        var options = try inputs.buildOptions(config: config, output: URL(fileURLWithPath: output))
        options.concurrency = concurrency
        options.progress = site.quiet ? nil : ProgressDrawer().progress
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
