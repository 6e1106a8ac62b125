import Build
import Foundation
import TestSupport
import Testing

/// A trip that leaves the site takes its photos with it the same night, even while an unrelated
/// photo fails; a broken trip keeps its previous page and exactly the images that page shows.
@Suite struct WithdrawnMediaTests {
    func media(_ site: SiteFixture) throws -> Set<String> {
        Set(try FolderFiles.contents(under: site.output).keys.filter { $0.hasPrefix("media/") })
    }

    func referenced(_ site: SiteFixture, _ slug: String) throws -> Set<String> {
        try referenced(site, page: "trips/\(slug)/index.html")
    }

    func referenced(_ site: SiteFixture, page path: String) throws -> Set<String> {
        let page = try site.text(path)
        let regex = try NSRegularExpression(pattern: #"media/[0-9a-f]{2}/[^"' ,]+"#)
        return Set(
            regex.matches(in: page, range: NSRange(page.startIndex..., in: page)).map {
                String(page[Range($0.range, in: page)!])
            })
    }

    /// Adds a trip whose one photo has bytes no other trip has (a fixture with bytes appended
    /// after its end, and an unknown recorded hash), so its derivatives are its own.
    func addUniqueTrip(_ site: SiteFixture, _ slug: String, garbage: Bool = false) throws {
        try site.add(trip: slug, title: slug.capitalized, start: "2024-08-01", photos: ["small.jpg"])
        let file = site.media.appendingPathComponent("travels/\(FixtureTrips.id(of: slug))/0-small.jpg")
        var bytes = garbage ? Data("not an image".utf8) : try Data(contentsOf: file)
        bytes.append(contentsOf: Array(slug.utf8))
        try bytes.write(to: file)
        let tripFile = site.content.appendingPathComponent("trips/\(slug)/trip.json")
        let json = try String(contentsOf: tripFile, encoding: .utf8)
        let recorded = try NSRegularExpression(pattern: #""sha256" : "[0-9a-f]{64}""#)
        try recorded.stringByReplacingMatches(
            in: json, range: NSRange(json.startIndex..., in: json),
            withTemplate: "\"sha256\" : \"\(String(repeating: "0", count: 64))\""
        )
        .write(to: tripFile, atomically: true, encoding: .utf8)
    }

    @Test func aWithdrawnTripsMediaGoWhileAnotherPhotoFails() async throws {
        let site = try SiteFixture()
        try addUniqueTrip(site, "island")
        _ = try await site.build()
        let islandMedia = try referenced(site, "island")
        let built = try media(site)
        #expect(islandMedia.count >= 2 && islandMedia.isSubset(of: built))

        // The trip is withdrawn (extract deletes its trip.json) while a new trip's photo is broken.
        try FileManager.default.removeItem(at: site.content.appendingPathComponent("trips/island/trip.json"))
        try addUniqueTrip(site, "pier", garbage: true)

        let report = try await site.build()
        #expect(report.failures.map(\.trip) == ["pier"])
        let after = try media(site)
        #expect(after.isDisjoint(with: islandMedia), "the withdrawn trip's derivatives are gone")
        let pages = try FolderFiles.contents(under: site.output).keys.filter { $0.hasSuffix(".html") }
        let shown = try pages.reduce(into: Set<String>()) { $0.formUnion(try referenced(site, page: $1)) }
        #expect(shown.isSubset(of: after), "every page still finds its images")
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("trips/island").path))
    }

    @Test func aBrokenTripKeepsItsPageAndTheImagesItShows() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let shown = try referenced(site, "coast-walk")
        try "{ not json".write(to: site.content.appendingPathComponent("trips/coast-walk/trip.json"), atomically: true, encoding: .utf8)
        let report = try await site.build()
        #expect(report.failures.map(\.trip) == ["coast-walk"])
        #expect(try referenced(site, "coast-walk") == shown)
        #expect(shown.isSubset(of: try media(site)))
    }
}
