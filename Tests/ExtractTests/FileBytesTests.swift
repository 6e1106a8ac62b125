import Extract
import Foundation
import TabiCore
import Testing

/// Extract writes posts and photos from the rows' bytes, without the model: every file must still
/// be exactly what the model encodes, and every value what decoding a row into the model gives.
@Suite struct FileBytesTests {
    static let awkward = [
        "quote \" and backslash \\ and slash /", "tab\tnew line\nreturn\r", "\u{1}\u{8}\u{c}\u{1f}\u{7f}",
        "東京の秋 🍁", "رحلة إلى القاهرة", "line\u{2028}separator", "<b>&amp;</b>", "",
    ]

    @Test func everyFileIsWhatTheModelEncodes() throws {
        let run = try ExtractHarness()
        let db = run.database
        var trips: [String] = []
        for (index, text) in Self.awkward.enumerated() {
            let trip = try db.trip("Trip \(index) \(text)", description: text)
            try db.destination(trip, name: text)
            // Posts out of id order, so photos (read by post id) come in another order than posts.
            for (hour, title) in [(9, text), (8, nil), (10, "Third")] {
                let post = try db.post(trip, at: "2024-11-02T\(hour):00:00.5Z", title: title, content: hour == 8 ? nil : text)
                try db.photo(post, trip: trip, caption: text, position: 1)
                try db.photo(post, trip: trip, caption: nil, position: 0, sha256: hour == 9 ? nil : String(repeating: "AB", count: 32))
            }
            try db.post(trip, at: "2024-11-03T00:00:00Z", title: "No photos", content: "")
            trips.append(trip)
        }
        try db.run("UPDATE post_photos SET content_type = '  ' WHERE caption IS NULL")

        let report = try run.extract()

        #expect(report.written.count == trips.count && report.problems.isEmpty)
        #expect(report.posts == 4 * trips.count && report.photos == 6 * trips.count)
        for slug in try run.slugs() {
            let bytes = try Data(contentsOf: run.contentDirectory.tripFile(of: slug))
            let trip = try TripJSON.decode(bytes)
            #expect(TripJSON.encode(trip) == bytes, "\(slug)")
            #expect(
                trip.posts.map(\.timestamp.description) == [
                    "2024-11-02T08:00:00.5Z", "2024-11-02T09:00:00.5Z",
                    "2024-11-02T10:00:00.5Z", "2024-11-03T00:00:00Z",
                ])
            #expect(trip.posts.map(\.photos.count) == [2, 2, 2, 0])
            for post in trip.posts.dropLast() {
                #expect(post.photos.map(\.position) == [0, 1])
                #expect(post.photos.first?.contentType == nil && post.photos.last?.contentType == "image/jpeg")
            }
            #expect(trip.photos.compactMap(\.sha256).allSatisfy { $0 == String(repeating: "ab", count: 32) })
            let text = try #require(Self.awkward.first { trip.title.hasSuffix(" \($0)") })
            #expect(trip.posts[1].content == text && trip.posts[1].title == text && trip.photos[1].caption == text)
            #expect(trip.posts[0].content == nil && trip.posts[0].title == nil && trip.posts[3].content == "")
        }
    }

    /// A post id is unique with its timestamp only (the table is partitioned by time): the join
    /// through posts gives such a post's photos twice, yet each is written once, under the
    /// post's oldest row, and the database's fingerprint still matches the one extract wrote.
    @Test func photosOfAPostIdWithTwoRowsAreWrittenOnce() throws {
        let run = try ExtractHarness()
        let db = run.database
        let trip = try db.trip("Twice")
        let post = try db.post(trip, at: "2024-11-02T09:00:00Z", title: "First row")
        try db.post(trip, at: "2025-03-01T09:00:00Z", title: "Second row", id: post)
        let photos = [try db.photo(post, trip: trip, position: 0), try db.photo(post, trip: trip, position: 1)]
        try db.run("UPDATE travels SET cover_photo_id = $1 WHERE id = $2", [photos[1], trip])

        let report = try run.extract()

        let extracted = try #require(try run.trip(id: trip))
        #expect(extracted.posts.map(\.title) == ["First row", "Second row"])
        #expect(extracted.posts.map(\.photos.count) == [2, 0])
        #expect(extracted.photos.map(\.id) == photos)
        #expect(extracted.coverPhotoId == photos[1])
        #expect(report.photos == 2)
        let again = try run.extract(changed: true)
        #expect(again.written.isEmpty && again.unchanged.map(\.id) == [trip])
    }

    /// Reading everything, the posts and the photos each come in two halves by trip id (below and
    /// from `80000000-…`): trips on both sides and at the edges get all their posts and photos, and
    /// the fingerprints match the database's.
    @Test func postsAndPhotosOfTripsOnBothSidesOfTheSplitAreAllRead() throws {
        let run = try ExtractHarness()
        let db = run.database
        let ids = [
            "00000000-0000-0000-0000-000000000001", "7fffffff-ffff-ffff-ffff-ffffffffffff",
            "80000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ]
        for id in ids {
            let trip = try db.trip("Trip \(id.prefix(8))", id: id)
            let post = try db.post(trip, at: "2024-11-01T09:00:00Z")
            try db.photo(post, trip: trip, position: 0)
            try db.photo(post, trip: trip, position: 1)
            try db.post(trip, at: "2024-11-02T09:00:00Z")
        }

        let report = try run.extract(batchSize: 1_000)

        #expect(report.written.count == 4 && report.posts == 8 && report.photos == 8)
        for id in ids {
            let extracted = try run.trip(id: id)
            #expect(extracted?.posts.map(\.photos.count) == [2, 0], "\(id)")
            #expect(extracted?.photos.map(\.position) == [0, 1], "\(id)")
        }
        #expect(try run.extract(changed: true).unchanged.count == 4)
    }
}
