import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// The finalize step renders a listing page (a page of the home page or of a tag) only when the
/// trips it shows changed, and deletes the pages there are no more of.
@Suite struct NightlyListingTests {
    @Test func onlyListingPagesShowingAChangedTripAreRenderedAndEmptiedOnesGo() async throws {
        let run = try PipelineRun(binary: .debug)
        var ids: [String] = []
        for day in 1...5 {
            ids.append(
                try run.database.trip(
                    "Day \(day)", description: "Day \(day) out.", startDate: "2024-03-0\(day)",
                    endDate: "2024-03-0\(day)"))
        }
        let hidden = try run.database.trip("Hidden", visibility: "unlisted", startDate: "2024-03-09", endDate: "2024-03-09")
        let config = run.folder("tabi.yml")
        try Data("title: Days\nbaseURL: https://days.example.com/\npagination:\n  pageSize: 2\n".utf8).write(to: config)
        func night(_ name: String, _ extra: [String] = ["--skip-extract"], narrator: String = "none") async throws -> [String: Any] {
            try await run.moto.resetLog()
            let result = try await run.nightly(["--config", config.path, "--report", run.folder(name).path] + extra, narrator: narrator)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            return try PipelineRun.report(run.folder(name))
        }
        func finalize(_ report: [String: Any]) -> [String: Any] { report["finalize"] as? [String: Any] ?? [:] }
        func text(_ key: String) async throws -> String {
            String(decoding: try await run.moto.body(of: key) ?? Data(), as: UTF8.self)
        }

        // First night: five trips in pages of two, newest first.
        let first = try await night("night-1.json", [], narrator: "offline")
        #expect(finalize(first)["listingPagesRendered"] as? Int == 3)
        let objects = try await run.bucketDigest(run.siteBucket)
        for page in ["index.html", "page/2/index.html", "page/3/index.html"] { #expect(objects[page] != nil, "\(page) missing") }
        #expect(objects["page/4/index.html"] == nil)
        let slugs = try (0..<5).map { try #require(NightlyTests.slug(of: ids[$0], in: first)) }
        let hiddenSlug = try #require(NightlyTests.slug(of: hidden, in: first))
        #expect(try await text("page/3/index.html").contains(slugs[0]), "the oldest trip is on the last page")

        // A writer tags the oldest trip (and the unlisted one): its page, the last home page, and
        // the new tag's pages are rendered; the first two home pages are not.
        func tag(_ slug: String, _ tags: String) throws {
            let file = run.content.appendingPathComponent("trips/\(slug)/story.md")
            var story = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            let line = story.split(separator: "\n", omittingEmptySubsequences: false).first { $0.hasPrefix("tags:") }
            story =
                line.map { story.replacingOccurrences(of: String($0), with: "tags: \(tags)") }
                ?? story.replacingOccurrences(of: "\ntitle:", with: "\ntags: \(tags)\ntitle:")
            try Data(story.utf8).write(to: file)
        }
        try tag(slugs[0], "[\"Food\"]")
        try tag(hiddenSlug, "[\"Food\"]")
        let second = try await night("night-2.json")
        #expect(NightlyTests.count("changed", second) == 2)
        #expect(finalize(second)["listingPagesRendered"] as? Int == 3, "\(finalize(second))")
        let written = Set(try await run.writes(in: run.siteBucket))
        #expect(written.isSuperset(of: ["page/3/index.html", "tags/index.html", "tags/food/index.html"]), "\(written)")
        #expect(written.isDisjoint(with: ["index.html", "page/2/index.html"]), "pages that show no changed trip were written: \(written)")
        let food = try await text("tags/food/index.html")
        #expect(food.contains(slugs[0]) && !food.contains(hiddenSlug), "\(food)")
        #expect(try await text("trips/\(slugs[0])/index.html").contains("<a href=\"../../tags/food/\" dir=\"auto\">Food</a>"))
        #expect(!(try await text("trips/\(hiddenSlug)/index.html")).contains("tags/food"))
        #expect(try await text("sitemap.xml").contains("https://days.example.com/tags/food/"))

        // Nothing changed: nothing rendered.
        let third = try await night("night-3.json")
        #expect(finalize(third)["listingPagesRendered"] as? Int ?? 0 == 0)
        #expect(try await run.writes(in: run.siteBucket).isEmpty)

        // The tag is taken out again: its pages go, and are invalidated.
        try tag(slugs[0], "[]")
        try tag(hiddenSlug, "[]")
        let fourth = try await night("night-4.json", ["--skip-extract", "--distribution", run.moto.distributionId])
        let deleted = Set(finalize(fourth)["deleted"] as? [String] ?? [])
        #expect(deleted == ["tags/index.html", "tags/food/index.html"], "\(finalize(fourth))")
        let after = try await run.bucketDigest(run.siteBucket)
        #expect(after["tags/food/index.html"] == nil && after["tags/index.html"] == nil)
        #expect(try await run.moto.invalidationsCover("/tags/food/index.html"))
    }

    /// A trip page links the newer and the older trip. A run on one worker puts each page it
    /// builds once, links in (the order known from the listing index and its own trips' files);
    /// the finalize step changes the links on the pages whose neighbours changed, and on no
    /// other. (Shards leave the links to the finalize step: `shardsInParallelGiveTheBucketOfOneWorker`
    /// checks that both give the same pages.)
    @Test func tripPagesLinkTheirNeighboursAndOnlyPagesWhoseNeighboursChangedAreTouched() async throws {
        let run = try PipelineRun(binary: .release)
        var ids: [String] = []
        for day in 1...3 {
            ids.append(try run.database.trip("Day \(day)", startDate: "2024-03-0\(day)", endDate: "2024-03-0\(day)"))
        }
        let hidden = try run.database.trip("Hidden", visibility: "unlisted", startDate: "2024-03-09", endDate: "2024-03-09")
        func night(_ name: String, _ extra: [String] = ["--skip-extract"]) async throws -> [String: Any] {
            try await run.moto.resetLog()
            let result = try await run.nightly(["--report", run.folder(name).path] + extra, narrator: "offline")
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
            return try PipelineRun.report(run.folder(name))
        }
        func finalize(_ report: [String: Any]) -> [String: Any] { report["finalize"] as? [String: Any] ?? [:] }
        func links(_ slug: String) async throws -> [String] {
            let page = String(decoding: try await run.moto.body(of: "trips/\(slug)/index.html") ?? Data(), as: UTF8.self)
            let pattern = try NSRegularExpression(pattern: "<a class=\"trip-nav-(newer|older)\" href=\"../../trips/([^/\"]+)/\"")
            return pattern.matches(in: page, range: NSRange(page.startIndex..., in: page)).map { match in
                (1...2).map { String(page[Range(match.range(at: $0), in: page)!]) }.joined(separator: " ")
            }
        }

        let first = try await night("night-1.json", [])
        let slugs = try ids.map { try #require(NightlyTests.slug(of: $0, in: first)) }
        let hiddenSlug = try #require(NightlyTests.slug(of: hidden, in: first))
        #expect(finalize(first)["tripPagesRelinked"] as? Int == 0, "\(finalize(first))")
        let firstWrites = try await run.writes(in: run.siteBucket).filter { $0.hasPrefix("trips/") }
        #expect(firstWrites.sorted() == (slugs + [hiddenSlug]).map { "trips/\($0)/index.html" }.sorted())
        #expect(try await links(slugs[2]) == ["older \(slugs[1])"])
        #expect(try await links(slugs[1]) == ["newer \(slugs[2])", "older \(slugs[0])"])
        #expect(try await links(slugs[0]) == ["newer \(slugs[1])"])
        #expect(try await links(hiddenSlug).isEmpty)

        // Nothing changed: no page is read or written again.
        let second = try await night("night-2.json")
        #expect(finalize(second)["tripPagesRelinked"] as? Int ?? 0 == 0)
        #expect(try await run.writes(in: run.siteBucket).isEmpty)

        // A newer trip: its page goes up once, with its links; the one it now follows gets new
        // links; the older two are untouched.
        let newest = try run.database.trip("Day 4", startDate: "2024-03-04", endDate: "2024-03-04")
        let third = try await night("night-3.json", ["--distribution", run.moto.distributionId])
        let newestSlug = try #require(NightlyTests.slug(of: newest, in: third))
        #expect(NightlyTests.count("new", third) == 1)
        #expect(finalize(third)["tripPagesRelinked"] as? Int == 1, "\(finalize(third))")
        #expect(try await links(newestSlug) == ["older \(slugs[2])"])
        #expect(try await links(slugs[2]) == ["newer \(newestSlug)", "older \(slugs[1])"])
        let writes = try await run.writes(in: run.siteBucket)
        #expect(writes.filter { $0 == "trips/\(newestSlug)/index.html" }.count == 1, "\(writes)")
        let written = Set(writes)
        #expect(written.isDisjoint(with: ["trips/\(slugs[0])/index.html", "trips/\(slugs[1])/index.html"]), "\(written)")
        // The page given a new link was cached before: it is invalidated; the new trip's page was not.
        #expect(try await run.moto.invalidationsCover("/trips/\(slugs[2])/index.html"))
        #expect(!(try await run.moto.invalidationsCover("/trips/\(newestSlug)/index.html")))
    }
}
