import AWS
import ArgumentParser
import Draft
import Foundation
import Logging
import Pipeline
import Publish
import TabiCore

/// `tabi-press status`: which trips need a writer.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each trip's state: story drafted or edited, facts changed, a newer draft waiting, built, published.",
        discussion: """
            Reads Content/ and Output/ only, and with --bucket lists the bucket: nothing is written \
            and no model is called (whether facts changed is what `draft --dry-run` would find). \
            Exit code 0 whatever the trips' state; 2 when the content folder cannot be read.

            Examples:
              tabi-press status
              tabi-press status --json | jq '.trips[] | select(.needs != []) | .slug'
              tabi-press status --bucket my-blog
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The content folder (trips/<slug>/trip.json and story.md).", valueName: "dir"))
    var content: String = "Content"

    @Option(help: ArgumentHelp("The built site.", valueName: "dir"))
    var output: String = "Output"

    @Option(help: "The S3 bucket the site is published to: each trip's page is compared with the built one.")
    var bucket: String?

    @Option(help: "The key prefix of the site in --bucket.")
    var prefix: String = ""

    @Option(help: "The narrator whose next draft is considered (default: narrator.kind in tabi.yml, else offline).")
    var narrator: NarratorKind?

    @Option(help: ArgumentHelp("The AWS profile (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    @Flag(help: "Print the status as JSON, for scripts.")
    var json = false

    mutating func run() async throws {
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let contentURL = URL(fileURLWithPath: content)
        var notes: [String] = []
        let drafts = await draftPlan(config, content: contentURL, notes: &notes)
        let published = await publishedPages(config, notes: &notes)
        var report: StatusReport
        do {
            report = try StatusReader(content: contentURL, output: URL(fileURLWithPath: output)).read(drafts: drafts, published: published)
        } catch {
            throw CLIFailure(message: "\(error)", code: 2)
        }
        report.notes += notes
        print(json ? String(decoding: report.json.encoded(), as: UTF8.self) : report.text, terminator: json ? "" : "\n")
    }

    /// What `draft --dry-run` would do with each trip, by slug; nil when no narrator can be set up.
    private func draftPlan(_ config: SiteConfig, content: URL, notes: inout [String]) async -> [String: TripOutcome.Result]? {
        let logger = Logger(label: "tabi.status")
        do {
            let setup = NarratorSetup(settings: config.narrator, kind: narrator?.rawValue, profile: profile, logger: logger)
            let prompt = try PromptTemplate.load(settings: config.narrator, theme: URL(fileURLWithPath: "Themes/\(config.theme)"))
            let options = DraftOptions(content: content, settings: config.narrator, language: config.language, dryRun: true)
            let report = try await DraftRunner(
                options: options, narrator: try await setup.make(checkCredentials: false),
                prompt: prompt, logger: logger
            ).run()
            return Dictionary(report.outcomes.map { ($0.slug, $0.result) }) { first, _ in first }
        } catch {
            notes.append("draft: \(error)")
            return nil
        }
    }

    /// Whether the bucket holds each built trip page as built, by slug; nil without --bucket.
    private func publishedPages(_ config: SiteConfig, notes: inout [String]) async -> [String: TripState.Published]? {
        guard let bucket else { return nil }
        do {
            let keys = try PublishKeys(prefix: prefix)
            let aws = try AWSConfiguration.load(profile: profile)
            let options = PublishOptions(
                output: URL(fileURLWithPath: output), bucket: bucket, keys: keys, dryRun: true,
                settings: config.publish)
            let planned = try await Publisher(
                options: options, s3: S3Client(settings: try aws.settings(for: .s3), bucket: bucket),
                cloudFront: nil
            ).plan()
            var pages: [String: TripState.Published] = [:]
            for upload in planned.plan.uploads {
                let parts = upload.object.path.split(separator: "/")
                guard parts.count == 3, parts[0] == "trips", parts[2] == "index.html" else { continue }
                pages[String(parts[1])] = upload.reason == .new ? .no : .outdated
            }
            // Every built trip page the plan does not upload is in the bucket as built.
            let built = (try? FileManager.default.contentsOfDirectory(atPath: output + "/trips")) ?? []
            for slug in built where pages[slug] == nil { pages[slug] = .current }
            return pages
        } catch {
            notes.append("--bucket \(bucket): \(error)")
            return [:]
        }
    }
}
