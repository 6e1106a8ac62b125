import ArgumentParser

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
        version: "0.1.0",
        subcommands: [ExtractCommand.self, BuildCommand.self])
}
