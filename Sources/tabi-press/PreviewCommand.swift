import ArgumentParser
import Build
import Console
import Foundation
import Preview
import Vips

/// `tabi-press preview`: the site as a writer's edits make it, rebuilt and reloaded on each save.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Serve the site on 127.0.0.1 while you edit: each save rebuilds it and reloads the open page.",
        discussion: """
            Builds into a folder of its own (never Output/), serves it, and watches the content folder, \
            the theme and tabi.yml: within a second of a save the site is built again and open pages \
            reload. Stories marked draft: true are shown with a note, and a story.draft.md waiting \
            beside a writer's story.md gets a page of its own (trips/<slug>/proposal/) with what it \
            changes. Build errors show in the terminal and on the page. Stop it with Ctrl-C.

            Example:
              tabi-press preview --content Content --port 1313
            """)

    @OptionGroup var site: SiteOptions

    @OptionGroup var inputs: BuildInputOptions

    @Option(help: "The port on 127.0.0.1 (0: any free port; the address is printed).")
    var port: Int = 1313

    @Option(help: ArgumentHelp("Where the preview is built (default: a new temporary folder, removed at the end).", valueName: "dir"))
    var output: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
    }

    mutating func run() async throws {
        Vips.limitMallocArenasToCores()
        let config = try site.loadConfig()
        site.bootstrapLogging()
        guard FileManager.default.fileExists(atPath: inputs.contentURL.path) else {
            throw CLIFailure(message: "the content folder \(inputs.content) does not exist", code: 2)
        }
        let folder: URL, temporary: Bool
        if let output {
            folder = URL(fileURLWithPath: output)
            temporary = false
        } else {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("tabi-preview-\(UUID().uuidString.prefix(8))")
            temporary = true
        }
        defer { if temporary { try? FileManager.default.removeItem(at: folder) } }
        var options = try inputs.buildOptions(config: config, output: folder)
        options.preview = true
        let configFile = site.configPath ?? (FileManager.default.fileExists(atPath: "tabi.yml") ? "tabi.yml" : nil)
        let siteOptions = site
        let server = PreviewServer(
            options: .init(build: options, configFile: configFile.map { URL(fileURLWithPath: $0) }, port: port),
            loadConfig: { try siteOptions.loadConfig() })
        do {
            try await server.run { address in
                FileHandle.standardOutput.write(Data("preview: serving \(address) (built in \(folder.path)); Ctrl-C stops it\n".utf8))
            }
        } catch {
            throw CLIFailure(message: "preview: \(error)", code: 2)
        }
    }
}
