import ArgumentParser
import Foundation

/// `tabi-press`: trips from the Tabi Script app into public static blogs.
@main
struct TabiPress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabi-press",
        abstract: "Turn Tabi Script trips into a public static blog.",
        discussion: """
            Stages, each usable alone: extract (PostgreSQL → Content/), draft (LLM → story.md), \
            build (Content/ → Output/), publish (Output/ → S3 + CloudFront).
            """,
        version: VersionText.text,
        subcommands: [
            ExtractCommand.self, DraftCommand.self, BuildCommand.self, PublishCommand.self, NightlyCommand.self, ExportCommand.self,
            StatusCommand.self, PreviewCommand.self,
        ])

    /// Prints a ``CLIFailure`` as one line and exits with its code; everything else as
    /// swift-argument-parser does.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
            Foundation.exit(failure.code)
        } catch {
            exit(withError: error)
        }
    }
}
