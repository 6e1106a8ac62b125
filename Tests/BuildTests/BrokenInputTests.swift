import Build
import Foundation
import TestSupport
import Testing

/// One broken trip, story or photo is named and skipped; everything else is built.
@Suite struct BrokenInputTests {
    @Test func aTruncatedAndAMissingPhotoAreNamedWhileTheRestBuilds() async throws {
        let site = try SiteFixture()
        let media = site.media.path
        let keys = try FileManager.default.subpathsOfDirectory(atPath: media).filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".png") }
        let cmyk = try #require(keys.first { $0.hasSuffix("cmyk.jpg") })
        let alpha = try #require(keys.first { $0.hasSuffix("alpha.png") })
        let data = try Data(contentsOf: URL(fileURLWithPath: media + "/" + cmyk))
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: media + "/" + cmyk))
        try FileManager.default.removeItem(atPath: media + "/" + alpha)

        let report = try await site.build()
        #expect(report.failures.count == 2)
        let truncated = try #require(report.failures.first { $0.file?.hasSuffix(cmyk) == true })
        #expect(truncated.trip == "coast-walk")
        let missing = try #require(report.failures.first { $0.file?.hasSuffix(alpha) == true })
        #expect(missing.trip == "city-break")
        // Every other photo of those trips is on their pages.
        let coast = try site.text("trips/coast-walk/index.html")
        #expect(coast.contains("Photo 1 of Coast Walk") && coast.contains("Photo 2 of Coast Walk"))
        #expect(!coast.contains("Photo 3 of Coast Walk"))
        #expect(try site.text("trips/city-break/index.html").contains("Photo 1 of City Break"))
    }

    @Test func aBadStoryIsNamedWithItsFieldAndTheTripKeepsItsPreviousPage() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let previous = try site.text("trips/coast-walk/index.html")
        try "---\ndraft: sometimes\n---\nText\n".write(
            to: site.content.appendingPathComponent("trips/coast-walk/story.md"), atomically: true, encoding: .utf8)
        let report = try await site.build()
        let failure = try #require(report.failures.first)
        #expect(report.failures.count == 1)
        #expect(failure.trip == "coast-walk")
        #expect(failure.file?.hasSuffix("trips/coast-walk/story.md") == true)
        #expect(failure.reason.contains("draft"))
        #expect(try site.text("trips/coast-walk/index.html") == previous)
        #expect(try site.text("trips/city-break/index.html").contains("City Break"))
    }

    @Test func aBadTripFileNamesTheField() async throws {
        let site = try SiteFixture()
        let file = site.content.appendingPathComponent("trips/city-break/trip.json")
        let json = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"public\"", with: "\"secret\"")
        try json.write(to: file, atomically: true, encoding: .utf8)
        let report = try await site.build()
        let failure = try #require(report.failures.first)
        #expect(failure.trip == "city-break")
        #expect(failure.reason.contains("visibility"))
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/coast-walk/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/city-break/index.html").path))
    }
}
