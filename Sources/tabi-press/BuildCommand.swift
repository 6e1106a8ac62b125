import ArgumentParser
import Foundation

/// `tabi-press build`: Content/ → Output/.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render Content/ into a static site in Output/, with optimized images.")

    @Option(help: "The content folder (holds trips/<slug>/trip.json and story.md).")
    var content: String = "Content"

    @Option(help: "Where the site is written.")
    var output: String = "Output"

    mutating func run() async throws {
        throw ValidationError("build is not implemented yet")
    }
}
