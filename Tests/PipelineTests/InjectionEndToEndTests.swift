import Foundation
import IntegrationSupport
import TestSupport
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The injection corpus through every field of the app's database and, echoed back, through a
/// model's answer and its front matter: every published page parses to the theme's own markup,
/// and the feed and sitemap still parse as XML.
@Suite struct InjectionEndToEndTests {
    /// The corpus, a few payloads per trip (one per field).
    static let fieldsPerTrip = 8

    static func isThemeCSP(_ tag: HTMLScan.Tag) -> Bool {
        tag.name == "meta" && tag.attribute("http-equiv") == "Content-Security-Policy"
            && tag.attribute("content")?.hasPrefix("default-src 'self';") == true
    }

    @Test(arguments: CommandRunner.binaries)
    func hostileTextFromTheDatabaseAndTheModelLeavesOnlyTheThemesMarkup(binary: CommandRunner.Binary) async throws {
        let run = try PipelineRun(binary: binary)
        // Model stories are published as they come (no writer in between): the worst case.
        try "narrator:\n  markDraft: false\n".write(to: run.folder("tabi.yml"), atomically: true, encoding: .utf8)
        let db = run.database
        try run.addOriginal("small.jpg", at: "originals/shared.jpg")
        let corpus = HostileText.all
        var trips = 0
        for start in stride(from: 0, to: corpus.count, by: Self.fieldsPerTrip) {
            let field = { (offset: Int) in corpus[(start + offset) % corpus.count] }
            let owner = try db.profile(displayName: field(7))
            // The description steers the stand-in to echo the trip's text back in its answer.
            let trip = try db.trip(
                field(0), user: owner, description: field(1) + " standin:echo-facts",
                createdAt: String(format: "2024-01-01T00:%02d:%02dZ", trips / 60, trips % 60))
            let place = try db.destination(trip, name: field(2), countryCode: nil)
            let post = try db.post(trip, title: field(3), content: field(4) + "\n\n[link](\(field(5)))", destination: place)
            try db.photo(post, trip: trip, key: "originals/shared.jpg", caption: field(6), sha256: nil)
            trips += 1
        }

        let extracted = try await run.extract()
        #expect(extracted.status == 0 && !extracted.signalled, "\(extracted.stderr)")
        let drafted = try await run.draft()
        #expect([0, 1].contains(drafted.status) && !drafted.signalled, "\(drafted.stderr)")
        let built = try await run.build()
        #expect([0, 1].contains(built.status) && !built.signalled, "\(built.stderr)")
        let published = try await run.publish()
        #expect(published.status == 0, "\(published.stderr)")

        let files = try FolderFiles.contents(under: run.output)
        let pages = files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count >= trips, "every trip has a page")
        let storied = pages.values.filter { String(decoding: $0, as: UTF8.self).contains("class=\"story column\"") }
        #expect(storied.count >= trips / 2, "the model's echoed stories are on the pages (\(storied.count) of \(trips))")
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let problems = HTMLScan.scriptCapable(html, allowed: Self.isThemeCSP)
            #expect(problems.isEmpty, "\(path): \(problems.prefix(3))")
        }
        for xml in ["feed.xml", "sitemap.xml"] {
            let parser = XMLParser(data: try #require(files[xml]))
            #expect(parser.parse(), "\(xml): \(parser.parserError.map(String.init(describing:)) ?? "")")
        }
        // What the bucket serves is what was checked.
        let home = try #require(try await run.moto.body(of: "index.html"))
        #expect(PipelineRun.gunzipped(home) == files["index.html"])
    }
}
