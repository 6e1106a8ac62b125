import Foundation

/// A command's synopsis, as the README shows it, made from what swift-argument-parser knows of the
/// command (`<command> --experimental-dump-help`): so `--help` and the README cannot drift apart.
///
/// Each option or flag in the order `--help` lists them: `[...]` when optional, the value as `--help`
/// names it (`<dir>`, or the choices, `a|b|c`), `...` when it repeats, a short name before the long one (`-q|--quiet`).
/// Lines are cut at ``width`` columns, continued under the first option.
struct Synopsis {
    static let width = 100

    struct Dump: Decodable {
        var command: Command
    }

    struct Command: Decodable {
        var commandName: String
        var arguments: [Argument]?
        var subcommands: [Command]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }

        var kind: String
        var names: [Name]?
        var valueName: String?
        var isOptional: Bool
        var isRepeating: Bool
        var shouldDisplay: Bool
        var allValues: [String]?
    }

    /// The synopsis of `command`, invoked as `tabi-press <name>`.
    static func text(of command: Command) -> String {
        let words = (command.arguments ?? []).compactMap(word)
        let head = "tabi-press \(command.commandName)"
        var lines: [String] = []
        var line = head
        for word in words {
            if line.count + 1 + word.count > width, line.count > head.count {
                lines.append(line)
                line = String(repeating: " ", count: head.count)
            }
            line += " " + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private static func word(_ argument: Argument) -> String? {
        let names = argument.names ?? []
        guard argument.shouldDisplay, !names.contains(where: { ["help", "version"].contains($0.name) }) else { return nil }
        let value = argument.allValues.map { $0.joined(separator: "|") } ?? "<\(argument.valueName ?? "value")>"
        var text: String
        switch argument.kind {
        case "positional":
            text = value
        default:
            let long = names.first { $0.kind == "long" }.map { "--\($0.name)" }
            let short = names.first { $0.kind == "short" }.map { "-\($0.name)" }
            text = [short, long].compactMap { $0 }.joined(separator: "|")
            if argument.kind == "option" { text += " " + value }
        }
        if argument.isRepeating { text += " ..." }
        return argument.isOptional ? "[\(text)]" : text
    }
}
