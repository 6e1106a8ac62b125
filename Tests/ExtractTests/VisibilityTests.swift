import Extract
import Foundation
import TabiCore
import Testing

/// What leaves the database: public and unlisted trips, and of them only public posts and their
/// photos. Nothing of a private trip or a private post reaches `Content/` or the log.
@Suite struct VisibilityTests {
    @Test func publicAndUnlistedTripsAreExtractedPrivateOnesAreNot() throws {
        let run = try ExtractHarness()
        let db = run.database
        let open = try db.trip("Autumn in Kyoto")
        let hidden = try db.trip("Lisbon by Tram", visibility: "unlisted")
        let secret = try db.trip("PRIVATE-TRIP-TITLE", visibility: "private", description: "PRIVATE-DESCRIPTION")
        let secretPost = try db.post(secret, title: "PRIVATE-TRIP-POST", content: "PRIVATE-TRIP-TEXT")
        try db.photo(secretPost, trip: secret, key: "private/PRIVATE-TRIP-KEY.jpg", caption: "PRIVATE-TRIP-CAPTION")
        try db.destination(secret, name: "PRIVATE-TRIP-PLACE", latitude: "12.3456789")

        let report = try run.extract()

        let unlisted = "lisbon-by-tram-" + Slug.unlistedToken(forTripID: hidden)
        #expect(try run.slugs() == ["autumn-in-kyoto", unlisted])
        #expect(try run.trip("autumn-in-kyoto").visibility == .public)
        #expect(try run.trip("autumn-in-kyoto").id == open)
        #expect(try run.trip(unlisted).visibility == .unlisted)
        #expect(try run.trip(unlisted).id == hidden)
        #expect(report.written.count == 2 && report.failed.isEmpty && report.exitCode == 0)
        let written = run.everythingWritten() + report.problems.map(\.description).joined()
        #expect(!written.contains("PRIVATE"))
        #expect(!written.contains(secret))
        #expect(!written.contains("12.3456789"))
    }

    @Test func privatePostsAndTheirPhotosAreLeftOut() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Hokkaido in Winter")
        let shown = try db.post(trip, at: "2024-11-02T09:30:00Z", title: "Sapporo")
        let shownPhoto = try db.photo(shown, trip: trip, caption: "Snow festival")
        let hidden = try db.post(
            trip, at: "2024-11-03T09:30:00Z", title: "PRIVATE-POST-TITLE",
            content: "PRIVATE-POST-TEXT", visibility: "private")
        let hiddenPhoto = try db.photo(hidden, trip: trip, key: "trips/PRIVATE-POST-KEY.jpg", caption: "PRIVATE-POST-CAPTION")
        // The cover is a photo of the private post: it must not be named either.
        try db.run("UPDATE travels SET cover_photo_id = $1 WHERE id = $2", [hiddenPhoto, trip])
        // A photo that claims a public post of this trip but belongs to another trip's row is not this trip's.
        let other = try db.trip("Somewhere private", visibility: "private")
        try db.run(
            """
            INSERT INTO post_photos (id, post_id, travel_id, storage_key, caption)
            VALUES (gen_random_uuid(), $1, $2, 'trips/PRIVATE-OTHER-KEY.jpg', 'PRIVATE-OTHER-CAPTION')
            """, [shown, other])

        try run.extract()

        let extracted = try #require(try run.trip(id: trip))
        #expect(extracted.posts.map(\.id) == [shown])
        #expect(extracted.photos.map(\.id) == [shownPhoto])
        #expect(extracted.photos.first?.caption == "Snow festival")
        #expect(extracted.coverPhotoId == nil)
        let written = run.everythingWritten()
        #expect(!written.contains("PRIVATE"))
        #expect(!written.contains(hidden) && !written.contains(hiddenPhoto))
    }

    @Test func photoPositionsAndDestinationNotesNeverLeave() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Kyoto")
        try db.destination(trip, notes: "PRIVATE-NOTES")
        let post = try db.post(trip)
        let photo = try db.photo(post, trip: trip)
        try db.run("UPDATE post_photos SET latitude = 11.1111111, longitude = 22.2222222 WHERE id = $1", [photo])
        try db.run("UPDATE travels SET cover_photo_id = $1 WHERE id = $2", [photo, trip])

        try run.extract()

        let extracted = try run.trip("kyoto")
        #expect(extracted.coverPhotoId == photo)
        let json = String(decoding: try Data(contentsOf: run.contentDirectory.tripFile(of: "kyoto")), as: UTF8.self)
        #expect(!json.contains("11.1111111") && !json.contains("22.2222222"))
        #expect(!json.contains("PRIVATE-NOTES"))
        #expect(extracted.photos.first?.takenAt == Timestamp("2024-11-02T09:31:00.25Z"))
    }
}
