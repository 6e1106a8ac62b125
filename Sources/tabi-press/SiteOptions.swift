import ArgumentParser
import Console
import Foundation
import Logging
import TabiCore

/// Options every command shares: where the settings are, and how much to say.
struct SiteOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("The site settings (default: ./tabi.yml when it exists, else the embedded defaults).", valueName: "file"))
    var configPath: String?

    @Flag(name: .shortAndLong, help: "Only warnings, errors and the summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Say more about each step.")
    var verbose = false

    /// Reads `tabi.yml` (or `--config`); a missing default file means the embedded defaults.
    func loadConfig() throws -> SiteConfig {
        let path = configPath ?? "tabi.yml"
        guard FileManager.default.fileExists(atPath: path) else {
            if configPath != nil { throw CLIFailure(message: "the settings file \(path) does not exist", code: 2) }
            return .defaults
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CLIFailure(message: "cannot read \(path) as UTF-8 text", code: 2)
        }
        do {
            return try SiteConfig(yaml: text, source: path)
        } catch {
            throw CLIFailure(message: error.description, code: 2)
        }
    }

    func bootstrapLogging() {
        ConsoleLogHandler.bootstrap(level: verbose ? .debug : (quiet ? .warning : .info))
    }
}

/// A command that cannot go on: one line on standard error, then the exit code.
struct CLIFailure: Error, CustomStringConvertible {
    var message: String
    var code: Int32

    var description: String { message }
}
