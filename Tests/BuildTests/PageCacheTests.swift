import Build
import Foundation
import TabiCore
import TestSupport
import Testing

/// A build renders only the trips whose files changed since the last one (`Output/_tabi/pages.jsonl`),
/// and what it leaves is byte for byte what a build from scratch makes.
@Suite struct PageCacheTests {
    /// Every file of `a` and `b`, compared; the caches differ only in the stamps they saw.
    func expectSameSite(_ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let left = try FolderFiles.contents(under: a).filter { !$0.key.hasPrefix("_tabi/") }
        let right = try FolderFiles.contents(under: b).filter { !$0.key.hasPrefix("_tabi/") }
        #expect(left.keys.sorted() == right.keys.sorted(), sourceLocation: sourceLocation)
        for (path, data) in left where right[path] != data {
            Issue.record("\(path) differs from a build from scratch", sourceLocation: sourceLocation)
        }
    }

    /// `site`'s `Output/` against a build of its content from scratch into a folder of its own.
    func expectSameAsFromScratch(_ site: SiteFixture, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let scratch = site.folder("Scratch-\(UUID().uuidString)")
        _ = try await site.build(output: scratch)
        try expectSameSite(site.output, scratch, sourceLocation: sourceLocation)
    }

    /// The fixture's unlisted trip is rendered every time: its address is a secret, which the
    /// record (a file in `Output/`) must not hold.
    @Test func aBuildWithNothingChangedRendersOnlyTheUnlistedTrip() async throws {
        let site = try SiteFixture()
        let first = try await site.build()
        #expect(first.tripsRendered == 3 && first.tripsReused == 0)
        let second = try await site.build()
        #expect(second.trips == 3 && second.tripsRendered == 1 && second.tripsReused == 2)
        #expect(second.pagesWritten == 0 && second.photosEncoded == 0 && !second.failed)
        #expect(second.summary.hasPrefix("Built 3 trips (1 rendered, 2 unchanged): 0 files written"))
        #expect(!(try site.text("_tabi/pages.jsonl").contains("secret-garden")))
    }

    @Test func oneChangedTripIsRenderedAloneAndTheSiteIsWhatAFullBuildMakes() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        try FixtureTrips(content: site.content, media: site.media)
            .story("coast-walk", title: "Coast Walk, again", body: "A *new* story.")
        let report = try await site.build()
        #expect(report.tripsRendered == 2 && report.tripsReused == 1)
        #expect(try site.text("index.html").contains("Coast Walk, again"), "the listings show the change")
        #expect(
            try site.text("trips/city-break/index.html").contains("Coast Walk, again"),
            "its neighbour's link names the new title: the page took new links without being rendered")
        try await expectSameAsFromScratch(site)
    }

    @Test func aNewTripAndAWithdrawnOneRelinkTheirNeighboursAsAFullBuildWould() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        try site.add(trip: "mountain-hut", title: "Mountain Hut", start: "2024-04-02", photos: ["small.jpg"])
        let added = try await site.build()
        #expect(added.tripsRendered == 2 && added.tripsReused == 2, "\(added.summary)")
        try await expectSameAsFromScratch(site)

        try FileManager.default.removeItem(at: site.content.appendingPathComponent("trips/mountain-hut"))
        let withdrawn = try await site.build()
        #expect(withdrawn.tripsRendered == 1 && withdrawn.removed.contains("trips/mountain-hut/index.html"))
        try await expectSameAsFromScratch(site)
    }

    @Test func otherSettingsOrAnotherThemeFileRenderEveryTrip() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        var options = site.options()
        options.config.title = "Another Title"
        let retitled = try await SiteBuilder(options: options).build()
        #expect(retitled.tripsRendered == 3 && retitled.tripsReused == 0)
        #expect(try site.text("trips/city-break/index.html").contains("Another Title"))
        options.config.imageLimits.maxPixels = 5_000_000  // not in what the settings encode: checked apart
        #expect(try await SiteBuilder(options: options).build().tripsRendered == 3)

        let theme = site.folder("Theme")
        try FileManager.default.copyItem(at: RepositoryPaths.defaultTheme, to: theme)
        options.theme = theme
        _ = try await SiteBuilder(options: options).build()
        try "/* a change */\n".write(to: theme.appendingPathComponent("assets/extra.css"), atomically: true, encoding: .utf8)
        let rethemed = try await SiteBuilder(options: options).build()
        #expect(rethemed.tripsRendered == 3)
    }

    @Test func aPageThatWentMissingIsMadeAgain() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let scratch = site.folder("Scratch")
        _ = try await site.build(output: scratch)
        for page in ["trips/city-break/index.html", "sitemap.xml", "feed.xml"] {
            try FileManager.default.removeItem(at: site.output.appendingPathComponent(page))
            let report = try await site.build()
            #expect(report.tripsRendered == (page.hasPrefix("trips/") ? 2 : 1), "\(page)")
            try expectSameSite(site.output, scratch)
        }
    }

    @Test func aTripWithAMissingPhotoIsBuiltAndReportedEveryTime() async throws {
        let site = try SiteFixture()
        let media = site.media.path
        let alpha = try #require(try FileManager.default.subpathsOfDirectory(atPath: media).first { $0.hasSuffix("alpha.png") })
        try FileManager.default.removeItem(atPath: media + "/" + alpha)
        for _ in 0..<2 {
            let report = try await site.build()
            #expect(report.failures.map(\.trip) == ["city-break"], "\(report.failures)")
            #expect(report.tripsRendered == 2 && report.tripsReused == 1 || report.tripsRendered == 3)
        }
        // Once the photo is back, the trip shows it and is kept like the others.
        try FileManager.default.copyItem(
            at: RepositoryPaths.fixtures.appendingPathComponent("images/alpha.png"),
            to: URL(fileURLWithPath: media + "/" + alpha))
        let fixed = try await site.build()
        #expect(!fixed.failed && fixed.tripsRendered == 2)
        #expect(try site.text("trips/city-break/index.html").contains("Photo 2 of City Break"))
        #expect(try await site.build().tripsRendered == 1)
    }

    @Test func aPreviewSeesAnEditedProposal() async throws {
        let site = try SiteFixture()
        var options = site.options()
        options.preview = true
        _ = try await SiteBuilder(options: options).build()
        try "---\ntitle: \"Coast Walk\"\n---\nA proposal.\n"
            .write(to: site.content.appendingPathComponent("trips/coast-walk/story.draft.md"), atomically: true, encoding: .utf8)
        let report = try await SiteBuilder(options: options).build()
        #expect(report.tripsRendered == 2)
        #expect(try site.text("trips/coast-walk/proposal/index.html").contains("A proposal."))
        _ = try await site.build()  // a published build after a preview's: every trip again, without notes
        #expect(try !site.text("trips/coast-walk/index.html").contains("preview-note"))
    }

    /// The record is JSON Lines: a header, then a line per kept trip, so a build reads and writes
    /// it a trip at a time. One damaged line (or a record of an earlier version) and every trip
    /// is rendered again, to the same site.
    @Test func theRecordIsALinePerTripAndADamagedOneRendersEveryTrip() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let record = site.output.appendingPathComponent("_tabi/pages.jsonl")
        let lines = try site.text("_tabi/pages.jsonl").split(separator: "\n")
        #expect(lines.count == 3, "a header and the two public trips")
        #expect(
            lines.dropFirst().map { $0.hasPrefix("{\"slug\":\"city-break\",") || $0.hasPrefix("{\"slug\":\"coast-walk\",") } == [
                true, true,
            ])
        for damaged in [
            lines[0] + "\n" + lines[1] + "\n{\"slug\":\n", lines[0].replacingOccurrences(of: "\"version\":2", with: "\"version\":1") + "\n",
        ] {
            try damaged.write(to: record, atomically: true, encoding: .utf8)
            let report = try await site.build()
            #expect(report.tripsRendered == 3 && report.tripsReused == 0 && !report.failed, "\(report.summary)")
            try await expectSameAsFromScratch(site)
        }
        #expect(try await site.build().tripsReused == 2)
    }

    /// The record an earlier version kept (`pages.json`, one JSON document) goes with the first build.
    @Test func theRecordOfAnEarlierVersionIsSweptAway() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let old = site.output.appendingPathComponent("_tabi/pages.json")
        try Data("{\"version\":1,\"trips\":{}}".utf8).write(to: old)
        let report = try await site.build()
        #expect(report.removed.contains("_tabi/pages.json") && !FileManager.default.fileExists(atPath: old.path))
        #expect(report.tripsReused == 2)
    }
}
