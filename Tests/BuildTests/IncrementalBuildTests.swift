import Build
import Foundation
import TestSupport
import Testing

/// Builds are deterministic and incremental: the same content gives the same bytes, a second
/// build writes nothing, a change rewrites only what it touches, and what is gone is removed.
@Suite struct IncrementalBuildTests {
    @Test func twoBuildsOfTheSameContentAreByteIdentical() async throws {
        let site = try SiteFixture()
        let other = site.folder("Other")
        let first = try await site.build()
        let second = try await site.build(output: other)
        #expect(!first.failed && !second.failed, "\(first.failures) \(second.failures)")
        let a = try FolderFiles.contents(under: site.output), b = try FolderFiles.contents(under: other)
        #expect(a.count > 20)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs") }
    }

    @Test func aSecondBuildWritesNoFile() async throws {
        let site = try SiteFixture()
        let first = try await site.build()
        #expect(first.pagesWritten > 0 && first.photosEncoded > 0)
        let before = try site.mtimes()
        try await Task.sleep(for: .milliseconds(20))
        let second = try await site.build()
        #expect(second.pagesWritten == 0)
        #expect(second.photosEncoded == 0)
        #expect(second.photosReused == first.photosEncoded + first.photosReused)
        #expect(second.removed.isEmpty)
        #expect(try site.mtimes() == before)
    }

    @Test func aChangedStoryRewritesOnlyItsTripPage() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let before = try site.mtimes()
        // The first paragraph is the listings' summary; a change further down leaves the home page as it was.
        try "---\ntitle: \"Coast Walk\"\ndraft: false\n---\nA *story*.\n\nAnd a *different* ending.\n"
            .write(to: site.content.appendingPathComponent("trips/coast-walk/story.md"), atomically: true, encoding: .utf8)
        let report = try await site.build()
        let after = try site.mtimes()
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
        // The feed carries each trip's story, so it changes with it; nothing else does (but the
        // build's own record of what it rendered).
        #expect(changed == ["_tabi/pages.jsonl", "feed.xml", "trips/coast-walk/index.html"])
        #expect(report.pagesWritten == 2 && report.photosEncoded == 0)
        #expect(try site.text("trips/coast-walk/index.html").contains("<em>different</em> ending"))
    }

    @Test func aRemovedTripLosesItsPagesAndItsOwnDerivatives() async throws {
        let site = try SiteFixture()
        let first = try await site.build()
        let coastOnly = Set(try FolderFiles.contents(under: site.output).keys.filter { $0.hasPrefix("media/") })
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("trips/coast-walk"))
        let second = try await site.build()
        #expect(!second.failed)
        let files = try FolderFiles.contents(under: site.output)
        #expect(files["trips/coast-walk/index.html"] == nil)
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/coast-walk").path))
        #expect(!(try site.text("index.html")).contains("Coast Walk"))
        #expect(!(try site.text("sitemap.xml")).contains("coast-walk"))
        // Derivatives only the removed trip used are gone; the others stay.
        let media = Set(files.keys.filter { $0.hasPrefix("media/") })
        #expect(media.count < coastOnly.count)
        #expect(media.isSubset(of: coastOnly))
        #expect(second.removed.contains("trips/coast-walk/index.html"))
        #expect(first.photosEncoded > second.photosReused)
    }

    @Test func leftoversOfAKilledBuildAreCleanedUp() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let clean = try FolderFiles.contents(under: site.output)
        // What a build killed half way leaves behind: temp files beside pages and derivatives,
        // and a derivative written for a recipe the next build no longer uses.
        for leftover in ["trips/coast-walk/.tabi-tmp-1234-index.html", "media/ab/.tabi-tmp-99-x.jpg", "media/zz/stale.webp"] {
            let url = site.output.appendingPathComponent(leftover)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("partial".utf8).write(to: url)
        }
        // And folders that hold nothing, or only folders that hold nothing.
        try FileManager.default.createDirectory(
            at: site.output.appendingPathComponent("old/deeper/empty"), withIntermediateDirectories: true)
        let report = try await site.build()
        #expect(
            Set(report.removed) == ["trips/coast-walk/.tabi-tmp-1234-index.html", "media/ab/.tabi-tmp-99-x.jpg", "media/zz/stale.webp"])
        #expect(try FolderFiles.contents(under: site.output) == clean)
        // Emptied folders go with their last file; the trip's folder, which still holds its page, stays.
        for gone in ["media/zz", "old"] {
            #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent(gone).path), "\(gone)")
        }
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/coast-walk/index.html").path))
    }

    @Test func theRepositoryDotfileInOutputIsKept() async throws {
        let site = try SiteFixture()
        try FileManager.default.createDirectory(at: site.output, withIntermediateDirectories: true)
        try Data("*\n!.gitignore\n".utf8).write(to: site.output.appendingPathComponent(".gitignore"))
        _ = try await site.build()
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(".gitignore").path))
    }
}
