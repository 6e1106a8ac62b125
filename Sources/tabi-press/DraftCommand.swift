import ArgumentParser
import Console
import Draft
import Foundation
import Logging

/// `tabi-press draft`: trip.json → story.md, through a model or the offline narrator.
struct DraftCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft",
        abstract: "Write each trip's story.md from its trip.json, with a model or the offline narrator.",
        discussion: """
            Only trip.json's public facts reach a model. A trip whose facts, prompt and model are \
            unchanged since its last draft is not sent again (--force sends it anyway). A story.md \
            a writer has edited is never overwritten: the new draft goes to story.draft.md beside it \
            (--overwrite-edits replaces the edit instead). \
            Exit codes: 0 done, 1 some trips failed, 2 could not start (unknown narrator, no model, \
            no credentials, credentials refused).
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The content folder (trips/<slug>/trip.json).", valueName: "dir"))
    var content: String = "Content"

    @Option(help: "Who writes the stories (default: narrator.kind in tabi.yml, else offline).")
    var narrator: NarratorKind?

    @Option(
        help: ArgumentHelp(
            "The model id (default: narrator.model in tabi.yml; Bedrock: anthropic.claude-3-sonnet-20240229-v1:0).", valueName: "id"))
    var model: String?

    @Option(
        name: .customLong("bedrock-api"),
        help: "InvokeModel (Anthropic messages) or Converse (default: narrator.bedrockAPI in tabi.yml, else invoke).")
    var bedrockAPI: BedrockAPIKind?

    @Option(
        name: .customLong("trip"),
        help: ArgumentHelp("Draft only this trip (its UUID); repeat for more.", valueName: TripArgument.valueName),
        transform: TripArgument.uuid)
    var trips: [String] = []

    @Option(name: .customLong("slug"), help: "Draft only the trip in Content/trips/<slug>/; repeat for more.")
    var slugs: [String] = []

    @Option(help: ArgumentHelp("How many trips, and model calls, at once.", valueName: "n"))
    var concurrency: Int = 4

    @Flag(help: "Send trips whose facts, prompt and model have not changed.")
    var force = false

    @Flag(name: .customLong("overwrite-edits"), help: "Replace story.md even when a writer has edited it.")
    var overwriteEdits = false

    @Flag(name: .customLong("dry-run"), help: "Say what would be drafted, skipped or kept; call nothing, write nothing.")
    var dryRun = false

    @Option(help: ArgumentHelp("The AWS profile for Bedrock (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("The theme folder whose prompt.mustache is used (default: Themes/<theme from tabi.yml>).", valueName: "dir"))
    var theme: String?

    func validate() throws {
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
    }

    mutating func run() async throws {
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let logger = Logger(label: "tabi.draft")
        let setup = NarratorSetup(
            settings: config.narrator, kind: narrator?.rawValue, model: model, bedrockAPI: bedrockAPI?.rawValue,
            profile: profile, logger: logger)
        let report: DraftReport
        do {
            let prompt = try PromptTemplate.load(
                settings: config.narrator,
                theme: URL(fileURLWithPath: theme ?? "Themes/\(config.theme)"))
            let narrator = try await setup.make(checkCredentials: !dryRun)
            let options = DraftOptions(
                content: URL(fileURLWithPath: content), settings: config.narrator,
                language: config.language, tripIds: trips, slugs: slugs, concurrency: concurrency, force: force,
                overwriteEdits: overwriteEdits, dryRun: dryRun,
                progress: site.quiet ? nil : ProgressDrawer().progress)
            report = try await DraftRunner(options: options, narrator: narrator, prompt: prompt, logger: logger).run()
        } catch let error as PromptError {
            throw CLIFailure(message: error.description, code: 2)
        } catch let error as DraftSetupError {
            throw CLIFailure(message: error.description, code: 2)
        }
        for outcome in report.outcomes where shouldList(outcome) {
            print(outcome.line)
        }
        print(report.summary)
        if let refusal = report.stoppedBy { throw CLIFailure(message: refusal, code: 2) }
        if report.failed { throw ExitCode(1) }
    }

    /// Failures and kept edits are always listed; drafts unless --quiet; skipped trips with --verbose.
    private func shouldList(_ outcome: TripOutcome) -> Bool {
        switch outcome.result {
        case .failed, .kept: true
        case .drafted, .planned: !site.quiet
        case .skipped: site.verbose
        }
    }
}
