import Build
import Foundation
import Images
import TabiCore
import TestSupport

/// The sites the independent checkers read, each built once per test run with the default theme:
/// the bundled sample (`Content/`, `tabi.yml`), and a generated site with the trips a theme
/// gets wrong first: unlisted, right-to-left, empty, long (wide tables, task lists, footnotes,
/// code, long words and addresses) and hostile (a title that tries to leave the JSON-LD block).
actor CheckedSites {
    static let shared = CheckedSites()

    /// A built site: its folder and the site paths (`""`, `trips/<slug>/`, `404.html`) of its pages.
    struct Site: Sendable {
        let output: URL
        let home = ""
        let notFound = "404.html"
        let trips: [String]

        func page(_ sitePath: String) -> URL {
            output.appendingPathComponent(sitePath.isEmpty || sitePath.hasSuffix("/") ? sitePath + "index.html" : sitePath)
        }
    }

    /// The generated site's trips by what they stand for.
    enum Trip {
        static let long = "long-road-llanfairpwllgwyngyll"
        static let rightToLeft = "wadi-rum"
        static let empty = "nothing-yet"
        static let unlisted = "secret-garden-k3j5x9q2mfa4"
        static let hostile = "hostile-title"
        /// `</script><script>alert(1)</script>`, then a quote glued to a combining acute accent.
        static let hostileTitle = "</script><script>alert(1)</script> \"\u{301} end"
    }

    private var demo: Task<Site, any Error>?
    private var generated: Task<Site, any Error>?
    /// Kept for the whole run; the folders go when the process ends.
    private var folders: [TemporaryFolder] = []

    /// The bundled sample site.
    func demoSite() async throws -> Site {
        if demo == nil {
            let folder = keep(TemporaryFolder("tabi-checked-demo"))
            demo = Task {
                let yaml = try String(contentsOf: RepositoryPaths.root.appendingPathComponent("tabi.yml"), encoding: .utf8)
                let config = try SiteConfig(yaml: yaml)
                try await Self.build(
                    content: RepositoryPaths.content, media: RepositoryPaths.content.appendingPathComponent("media"),
                    output: folder("Output"), config: config)
                return Site(output: folder("Output"), trips: ["trips/autumn-on-foot-basque-country-to-picos/"])
            }
        }
        return try await demo!.value
    }

    /// The generated site of unlisted, right-to-left, empty, long and hostile trips.
    func generatedSite() async throws -> Site {
        if generated == nil {
            let folder = keep(TemporaryFolder("tabi-checked-generated"))
            generated = Task {
                try GeneratedTrips(content: folder("Content")).write()
                var config = SiteConfig.defaults
                config.baseURL = "https://trips.example/"
                config.title = "Checked Trips"
                try await Self.build(
                    content: folder("Content"), media: folder("Content/media"), output: folder("Output"),
                    config: config)
                return Site(
                    output: folder("Output"),
                    trips: [Trip.long, Trip.rightToLeft, Trip.empty, Trip.unlisted, Trip.hostile]
                        .map { "trips/\($0)/" })
            }
        }
        return try await generated!.value
    }

    /// A static actor is never deinitialised, so its folders outlive the run: each run removes
    /// the ones earlier runs left (older than an hour, so a run going on beside it keeps its own).
    private func keep(_ folder: TemporaryFolder) -> TemporaryFolder {
        if folders.isEmpty { Self.removeLeftovers() }
        folders.append(folder)
        return folder
    }

    private static func removeLeftovers() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("tabi-checked-") {
            let url = temporary.appendingPathComponent(name)
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate ?? .distantFuture
            if modified.timeIntervalSinceNow < -3600 { try? FileManager.default.removeItem(at: url) }
        }
    }

    private static func build(content: URL, media: URL, output: URL, config: SiteConfig) async throws {
        let options = BuildOptions(
            content: content, output: output, theme: RepositoryPaths.defaultTheme,
            media: MediaRoot(folder: media), config: config, concurrency: 2)
        let report = try await SiteBuilder(options: options).build()
        guard report.failures.isEmpty else {
            throw BuildFailed(description: "the site in \(content.path) built with failures: \(report.failures)")
        }
    }

    struct BuildFailed: Error, CustomStringConvertible {
        var description: String
    }
}
