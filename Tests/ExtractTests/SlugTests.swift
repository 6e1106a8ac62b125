import Extract
import Foundation
import TabiCore
import Testing

/// Slugs: from the title, unique across the site, stable once given, never a path out of `Content/`.
@Suite struct ExtractSlugTests {
    @Test func tripsWithTheSameTitleGetDifferentSlugsInCreationOrder() throws {
        let run = try ExtractHarness()
        let db = run.database
        // Ids sort the other way round from creation: the order must come from created_at.
        let second = try db.trip("Kyoto", id: "00000000-0000-4000-8000-000000000001", createdAt: "2024-03-01T00:00:00Z")
        let first = try db.trip("Kyoto", id: "ffffffff-0000-4000-8000-000000000001", createdAt: "2024-02-01T00:00:00Z")
        let third = try db.trip("kyoto!", createdAt: "2024-04-01T00:00:00Z")
        let clash = try db.trip("Kyoto 2", createdAt: "2024-05-01T00:00:00Z")

        try run.extract()

        #expect(try run.trip(id: first)?.slug == "kyoto")
        #expect(try run.trip(id: second)?.slug == "kyoto-2")
        #expect(try run.trip(id: third)?.slug == "kyoto-3")
        #expect(try run.trip(id: clash)?.slug == "kyoto-2-2")
    }

    @Test func slugsStayWhenTitlesChange() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Autumn in Kyoto")
        try run.extract()
        try db.run("UPDATE travels SET title = 'Spring in Osaka' WHERE id = $1", [trip])
        let newcomer = try db.trip("Autumn in Kyoto", createdAt: "2023-01-01T00:00:00Z")

        try run.extract()

        #expect(try run.trip("autumn-in-kyoto").title == "Spring in Osaka")
        #expect(try run.trip(id: newcomer)?.slug == "autumn-in-kyoto-2")
        #expect(try run.slugs() == ["autumn-in-kyoto", "autumn-in-kyoto-2"])
    }

    @Test func hostileTitlesNeverMakeAPathOutsideContent() throws {
        let run = try ExtractHarness()
        let db = run.database
        let titles = [
            "../../etc", "/etc/passwd", "..", ".", "a/../../b", "C:\\Windows\\System32", "🏖️🌊", "   ",
            "-leading-dash", "trips/../../../x", String(repeating: "long title ", count: 40),
        ]
        var ids: [String] = []
        for (index, title) in titles.enumerated() {
            ids.append(try db.trip(title, createdAt: "2024-01-0\(index % 9 + 1)T00:00:0\(index % 10)Z"))
        }

        try run.extract()

        let slugs = try run.slugs()
        #expect(slugs.count == titles.count)
        for slug in slugs {
            #expect(Slug.isValid(slug), "\(slug)")
        }
        // Nothing was written beside Content/ (the temporary folder holds only it).
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.folder.url.path) == ["Content"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.content.path) == ["trips"])
        let emoji = try #require(try run.trip(id: ids[6]))
        #expect(emoji.slug == "trip-" + String(ids[6].prefix(8)))
        #expect(emoji.title == "🏖️🌊")
        #expect(try run.trip(id: ids[0])?.slug == "etc")
        #expect(try #require(try run.trip(id: ids[10])).slug.count <= Slug.maximumLength)
    }

    @Test func unicodeAndRightToLeftTitlesAreTransliteratedAndKeptExactly() throws {
        let run = try ExtractHarness()
        let db = run.database
        let titles = ["東京の秋", "رحلة إلى القاهرة", "טיול לירושלים", "Москва зимой", "Ἀθῆναι", "Zürich — Genève"]
        var ids: [String] = []
        for (index, title) in titles.enumerated() {
            ids.append(try db.trip(title, createdAt: "2024-01-0\(index + 1)T00:00:00Z"))
        }

        try run.extract()

        for (id, title) in zip(ids, titles) {
            let trip = try #require(try run.trip(id: id))
            #expect(trip.title == title)
            #expect(Slug.isValid(trip.slug))
            #expect(!trip.slug.hasPrefix("trip-"), "\(title) fell back to \(trip.slug)")
        }
        #expect(try run.trip(id: ids[3])?.slug == "moskva-zimoj")
        #expect(try run.trip(id: ids[5])?.slug == "zurich-geneve")
        // The JSON holds the text itself (UTF-8), not a lossy form of it.
        let json = try Data(contentsOf: run.contentDirectory.tripFile(of: try #require(try run.trip(id: ids[1])).slug))
        #expect(String(decoding: json, as: UTF8.self).contains("رحلة إلى القاهرة"))
    }
}
