import Foundation
import TestSupport

/// `Tests/Tools/theme_check.py`: the Nu HTML Checker, axe-core in headless Chromium, feedparser and
/// the sitemap and JSON-LD readers, each answering in JSON. A missing tool makes the call throw,
/// naming what to install: the tests fail, they never skip.
enum ThemeCheckTool {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `theme_check.py <command> <arguments>` with the Python that `scripts/install-deps`
    /// installed the tools into (`PYTHON`, else `python3`) and decodes its answer.
    static func run<Answer: Decodable>(_ command: String, _ arguments: [String], as answer: Answer.Type) async throws -> Answer {
        let output = try await output(command, arguments)
        do {
            return try JSONDecoder().decode(Answer.self, from: output)
        } catch {
            throw Failure(
                description: "theme_check.py \(command) answered what is not its JSON (\(error)): "
                    + String(decoding: output.prefix(600), as: UTF8.self))
        }
    }

    /// The JSON text `theme_check.py <command> <arguments>` printed.
    static func output(_ command: String, _ arguments: [String]) async throws -> Data {
        let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
        let script = PythonServer.tools.appendingPathComponent("theme_check.py").path
        let result = try await CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), [python, script, command] + arguments,
            environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        guard result.status == 0 else {
            throw Failure(description: "theme_check.py \(command) failed (status \(result.status)): \(result.stderr.suffix(1200))")
        }
        return Data(result.stdout.utf8)
    }

    // MARK: - Answers

    /// What vnu.jar said about every page of a site.
    struct Validation: Decodable {
        struct Message: Decodable, CustomStringConvertible {
            let page: String
            let line: Int?
            let message: String
            let extract: String
            var description: String { "\(page):\(line ?? 0): \(message) [\(extract)]" }
        }
        let version: String
        let pages: Int
        let errors: [Message]
    }

    /// What headless Chromium saw on each page.
    struct Browser: Decodable {
        struct Page: Decodable {
            let page: String
            let violations: [Violation]
            let overflow: [Overflow]
            let console: [ConsoleMessage]
        }
        struct Violation: Decodable, CustomStringConvertible {
            let id: String
            let impact: String?
            let help: String
            let nodes: [String]
            let engine: String
            let scheme: String
            var description: String { "axe \(engine), \(scheme): \(impact ?? "?") \(id): \(help) at \(nodes)" }
            var isSeriousOrCritical: Bool { impact == "serious" || impact == "critical" }
        }
        struct Overflow: Decodable, CustomStringConvertible {
            let width: Int
            let scrollWidth: Int
            let clientWidth: Int
            let widest: [String]
            var description: String { "at \(width) px the page is \(scrollWidth) px wide: \(widest)" }
        }
        struct ConsoleMessage: Decodable, CustomStringConvertible {
            let width: Int
            let level: String?
            let message: String?
            var description: String { "\(level ?? "?") at \(width) px: \(message ?? "")" }
        }
        let axe: [String]
        let pages: [Page]
    }

    /// What feedparser read in `feed.xml`.
    struct Feed: Decodable {
        struct Entry: Decodable {
            let title: String?
            let link: String?
            let updated: String?
            let hasContent: Bool
        }
        let version: String?
        let bozo: Bool
        let bozoException: String
        let entries: [Entry]
        let links: Int
        let relativeLinks: [String]
    }

    /// `sitemap.xml` as read against the sitemaps.org shape.
    struct Sitemap: Decodable {
        struct URLEntry: Decodable {
            let loc: String?
            let lastmod: String?
        }
        let urls: [URLEntry]
        let problems: [String]
    }
}
