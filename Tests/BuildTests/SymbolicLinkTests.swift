import Build
import ContentStore
import Foundation
import TestSupport
import Testing

/// Links planted in `Content/`, the theme or `Output/` are never followed: a `story.md` that
/// points at `/proc/self/environ` or a credentials file is refused, named, and never published.
@Suite struct SymbolicLinkTests {
    static let secret = "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI-K7MDENG-bPxRfiCY-SECRET"

    /// A credentials file outside every root.
    func credentials(in site: SiteFixture) throws -> URL {
        let file = site.folder("outside/credentials")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(("[default]\n" + Self.secret + "\n").utf8).write(to: file)
        return file
    }

    func everyOutputFile(_ site: SiteFixture) throws -> String {
        guard FileManager.default.fileExists(atPath: site.output.path) else { return "" }
        return try FolderFiles.contents(under: site.output).values.map { String(decoding: $0, as: UTF8.self) }.joined()
    }

    @Test(arguments: ["/proc/self/environ", "credentials"])
    func aLinkedStoryIsRefusedAndItsTargetIsNeverPublished(target: String) async throws {
        let site = try SiteFixture()
        let story = site.content.appendingPathComponent("trips/coast-walk/story.md")
        try FileManager.default.removeItem(at: story)
        let destination = target == "credentials" ? try credentials(in: site).path : target
        try FileManager.default.createSymbolicLink(atPath: story.path, withDestinationPath: destination)

        let report = try await site.build()
        let failure = try #require(report.failures.first { $0.trip == "coast-walk" })
        #expect(failure.reason.contains("symbolic link"))
        #expect(report.failures.count == 1)
        let published = try everyOutputFile(site)
        #expect(!published.contains("SECRET") && !published.contains("PATH=") && !published.contains("HOME="))
        #expect(try site.text("trips/city-break/index.html").contains("City Break"))  // the rest is built
    }

    @Test func aLinkedTripFolderOrTripFileIsNamedAndNotRead() async throws {
        let site = try SiteFixture()
        let outside = site.folder("outside-trip")
        try FileManager.default.copyItem(at: site.content.appendingPathComponent("trips/city-break"), to: outside)
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("trips/city-break"))
        try FileManager.default.createSymbolicLink(
            at: site.content.appendingPathComponent("trips/city-break"),
            withDestinationURL: outside)
        let tripFile = site.content.appendingPathComponent("trips/coast-walk/trip.json")
        try FileManager.default.moveItem(at: tripFile, to: site.folder("outside-trip.json"))
        try FileManager.default.createSymbolicLink(at: tripFile, withDestinationURL: site.folder("outside-trip.json"))

        let report = try await site.build()
        #expect(
            report.failures.map(\.file).compactMap { $0 }.sorted()
                == [
                    site.content.appendingPathComponent("trips/city-break").path, tripFile.path,
                ].sorted())
        #expect(report.failures.allSatisfy { $0.reason.contains("symbolic link") })
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/city-break").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/coast-walk").path))
        #expect(try site.text("trips/secret-garden/index.html").contains("Secret Garden"))
    }

    @Test func aContentFolderThatIsItselfALinkIsRead() async throws {
        let site = try SiteFixture()
        let mounted = site.folder("mounted-content")
        try FileManager.default.createSymbolicLink(at: mounted, withDestinationURL: site.content)
        var options = site.options()
        options.content = mounted
        let report = try await SiteBuilder(options: options).build()
        #expect(report.failures.isEmpty)
        #expect(report.trips == 3)
    }

    @Test func aLinkInTheThemeStopsTheBuildNamingIt() async throws {
        let site = try SiteFixture()
        let theme = site.folder("theme")
        try FileManager.default.copyItem(at: RepositoryPaths.defaultTheme, to: theme)
        let asset = theme.appendingPathComponent("assets/secret.txt")
        try FileManager.default.createSymbolicLink(at: asset, withDestinationURL: try credentials(in: site))
        var options = site.options()
        options.theme = theme
        await #expect { try await SiteBuilder(options: options).build() } throws: { error in
            String(describing: error).contains(asset.path) && String(describing: error).contains("symbolic link")
        }
        #expect(try !everyOutputFile(site).contains("SECRET"))
    }

    @Test func linksPlantedInTheOutputAreRemovedNotWrittenThrough() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let victim = site.folder("victim")
        try FileManager.default.createDirectory(at: victim, withIntermediateDirectories: true)
        let trip = site.output.appendingPathComponent("trips/coast-walk")
        try FileManager.default.removeItem(at: trip)
        try FileManager.default.createSymbolicLink(at: trip, withDestinationURL: victim)
        let feed = site.output.appendingPathComponent("feed.xml")
        try FileManager.default.removeItem(at: feed)
        try FileManager.default.createSymbolicLink(at: feed, withDestinationURL: try credentials(in: site))

        let report = try await site.build()
        #expect(report.failures.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: victim.path).isEmpty)
        #expect(try String(contentsOf: site.folder("outside/credentials"), encoding: .utf8).contains(Self.secret))
        #expect(ConfinedFolder(site.output).kind(of: "trips/coast-walk") == .folder)
        #expect(try site.text("feed.xml").hasPrefix("<?xml"))
        #expect(report.removed.contains("trips/coast-walk") && report.removed.contains("feed.xml"))
    }
}
