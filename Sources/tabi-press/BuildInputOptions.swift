import ArgumentParser
import Build
import Foundation
import TabiCore

/// What a build reads, for `build` and `preview`: the content, the theme and the photo originals.
struct BuildInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The content folder (trips/<slug>/trip.json and story.md).", valueName: "dir"))
    var content: String = "Content"

    @Option(help: ArgumentHelp("The theme folder (default: Themes/<theme from tabi.yml>).", valueName: "dir"))
    var theme: String?

    @Option(
        help: ArgumentHelp(
            "Where photo originals resolve by storage key: a folder, or s3://bucket[/prefix] (default: <content>/media).",
            valueName: "dir-or-s3-url"))
    var media: String?

    @Option(help: ArgumentHelp("The AWS profile for --media s3://... (default: AWS_PROFILE, else default).", valueName: "name"))
    var profile: String?

    var contentURL: URL { URL(fileURLWithPath: content) }

    /// The options of a build of these inputs into `output`.
    func buildOptions(config: SiteConfig, output: URL) throws -> BuildOptions {
        BuildOptions(
            content: contentURL, output: output, theme: URL(fileURLWithPath: theme ?? "Themes/\(config.theme)"),
            media: try MediaOption.source(media, content: contentURL, profile: profile), config: config)
    }
}
