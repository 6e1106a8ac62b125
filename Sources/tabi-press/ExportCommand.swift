import AWS
import ArgumentParser
import Build
import ContentStore
import Draft
import Extract
import Foundation
import Gzip
import Images
import Logging
import Pipeline
import Publish
import TabiCore
import Vips

/// `tabi-press export --trip UUID`: one trip as a blog of its own.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "One trip as a blog of its own: extract, draft and build it into a folder, a zip, or a bucket.",
        discussion: """
            The same stages as every night, limited to one trip (public or unlisted only: a private \
            trip never leaves the database), into a site whose home page is that trip. Nothing of \
            any other trip is in it. --output writes a folder that opens from disk (links are \
            relative); --zip writes a deterministic archive (the same trip gives the same bytes); \
            --bucket publishes it like any site.

            Exit codes: 0 exported; 1 exported with some photos or text left out (named); 2 not \
            exported (private or unknown trip, database, model, bucket, settings).
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("The trip (its UUID).", valueName: TripArgument.valueName), transform: TripArgument.uuid)
    var trip: String
    @Option(help: ArgumentHelp("The content folder the trip is extracted into and drafted in.", valueName: "dir"))
    var content: String = "Content"
    @Option(help: ArgumentHelp("The theme folder (default: Themes/<theme from tabi.yml>).", valueName: "dir"))
    var theme: String?
    @Option(
        help: ArgumentHelp(
            "Where photo originals resolve: a folder, or s3://bucket[/prefix] (default: <content>/media).", valueName: "dir-or-s3-url"))
    var media: String?
    @Option(help: ArgumentHelp("The database (default: DATABASE_URL, then libpq's PG* environment).", valueName: "url"))
    var databaseURL: String?
    @Flag(help: "Do not read the database: export the trip as Content/trips/ has it.")
    var skipExtract = false
    @Option(help: "Who writes the stories; none skips drafting (default: narrator.kind in tabi.yml, else offline).")
    var narrator: PipelineNarratorKind?
    @Option(help: ArgumentHelp("The model id (default: narrator.model in tabi.yml).", valueName: "id"))
    var model: String?
    @Option(help: ArgumentHelp("The AWS profile (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    @Option(help: ArgumentHelp("Write the site into this folder (empty, or holding an earlier export).", valueName: "dir"))
    var output: String?
    @Option(help: ArgumentHelp("Write the site as a zip archive.", valueName: "file"))
    var zip: String?
    @Option(help: "Publish the site to this S3 bucket.")
    var bucket: String?
    @Option(help: "With --bucket: a key prefix to publish under.")
    var prefix: String = ""
    @Option(
        name: .customLong("distribution"), help: ArgumentHelp("With --bucket: the CloudFront distribution to invalidate.", valueName: "id"))
    var distributionId: String?
    @Option(
        help: ArgumentHelp(
            "With --bucket: where publish keeps its private records (s3://bucket[/prefix]).", valueName: "s3://bucket[/prefix]"))
    var state: String?

    func validate() throws {
        guard [output, zip, bucket].compactMap({ $0 }).count == 1 else {
            throw ValidationError("give one of --output DIR, --zip FILE or --bucket NAME")
        }
    }

    mutating func run() async throws {
        Vips.limitMallocArenasToCores()
        let config = try site.loadConfig()
        site.bootstrapLogging()
        let logger = Logger(label: "tabi.export")
        let contentURL = URL(fileURLWithPath: content)
        let themeURL = URL(fileURLWithPath: theme ?? "Themes/\(config.theme)")
        var narratorInstance: (any Narrator)?
        var prompt = PromptTemplate.builtIn
        if (narrator?.rawValue ?? config.narrator.kind) != "none" {
            do {
                prompt = try PromptTemplate.load(settings: config.narrator, theme: themeURL)
                narratorInstance = try await NarratorSetup(
                    settings: config.narrator, kind: narrator?.rawValue, model: model,
                    profile: profile, logger: logger
                ).make()
            } catch let error as PromptError {
                throw CLIFailure(message: error.description, code: 2)
            } catch let error as DraftSetupError {
                throw CLIFailure(message: error.description, code: 2)
            }
        }
        let options = TripExporter.Options(
            tripID: trip, content: contentURL, config: config, theme: themeURL,
            media: try MediaOption.source(media, content: contentURL, profile: profile),
            databaseURL: databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 },
            skipExtract: skipExtract, narrator: narratorInstance, prompt: prompt)
        let export: TripExporter.Export
        do { export = try await TripExporter(options: options, logger: logger).export() } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
        if let extract = export.extract, !site.quiet { print(extract.summary) }
        if let draft = export.draft, !site.quiet { print(draft.summary) }
        for failure in export.failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
        let bytes = export.files.reduce(0) { $0 + $1.data.count }
        if let output {
            do { try ExportFolder.write(export.files, to: URL(fileURLWithPath: output), tripID: trip.lowercased()) } catch {
                throw CLIFailure(message: error.description, code: 2)
            }
            print(
                "export: trip \(export.slug) → \(output)/ (\(export.files.count) files, \(ByteCount(Int64(bytes)))); open \(output)/index.html"
            )
        } else if let zip {
            try writeZip(export, to: zip)
            print("export: trip \(export.slug) → \(zip) (\(export.files.count) files)")
        } else if let bucket {
            try await publish(export, bucket: bucket, config: config)
        }
        if !export.failures.isEmpty { throw ExitCode(1) }
    }

    /// The same trip gives the same bytes: entries sorted, fixed times and attributes (``ZipArchive``).
    private func writeZip(_ export: TripExporter.Export, to path: String) throws {
        var archive = ZipArchive()
        do {
            for file in export.files { try archive.add(path: file.path, data: file.data) }
        } catch {
            throw CLIFailure(message: "cannot write \(path): \(error)", code: 2)
        }
        do { try AtomicFile.write(archive.encoded(), to: URL(fileURLWithPath: path)) } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
    }

    /// Publishes the export as any site is published: a folder of it, then publish's plan and apply.
    private func publish(_ export: TripExporter.Export, bucket: String, config: SiteConfig) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tabi-export-site-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do { try ExportFolder.write(export.files, to: folder, tripID: trip.lowercased()) } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(ExportFolder.marker))
        var arguments = ["--output", folder.path, "--bucket", bucket, "--prefix", prefix]
        if let distributionId { arguments += ["--distribution", distributionId] }
        if let state { arguments += ["--state", state] }
        if let profile { arguments += ["--profile", profile] }
        if let configPath = site.configPath { arguments += ["--config", configPath] }
        if site.quiet { arguments.append("--quiet") }
        if site.verbose { arguments.append("--verbose") }
        var command = try PublishCommand.parse(arguments)
        try await command.run()
    }
}
