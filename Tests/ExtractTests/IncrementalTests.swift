import Extract
import Foundation
import TabiCore
import Testing

/// Extracting again with nothing changed touches no file; `--changed` reads only what changed.
@Suite struct IncrementalTests {
    /// Three trips with posts and photos, extracted once.
    private func extracted() throws -> (ExtractHarness, trips: [String], posts: [String], photos: [String]) {
        let run = try ExtractHarness()
        let db = run.database
        var trips: [String] = [], posts: [String] = [], photos: [String] = []
        for title in ["Kyoto", "Osaka", "Nara"] {
            let trip = try db.trip(title)
            try db.destination(trip)
            let post = try db.post(trip, content: "Day one in \(title) — “quotes”, emoji 🍵 and\nnew lines.")
            photos.append(try db.photo(post, trip: trip, caption: nil))
            trips.append(trip)
            posts.append(post)
        }
        let report = try run.extract()
        #expect(report.written.count == 3)
        return (run, trips, posts, photos)
    }

    private func snapshot(_ run: ExtractHarness) throws -> [String: (Data, Date)] {
        var files: [String: (Data, Date)] = [:]
        for slug in try run.slugs() {
            let url = run.contentDirectory.tripFile(of: slug)
            let date = try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as! Date
            files[slug] = (try Data(contentsOf: url), date)
        }
        return files
    }

    @Test func extractingAgainRewritesNoFile() throws {
        let (run, _, _, _) = try extracted()
        let before = try snapshot(run)
        Thread.sleep(forTimeInterval: 0.05)  // so a rewrite would show in the modification time

        let again = try run.extract()
        let changedOnly = try run.extract(changed: true)

        #expect(again.written.isEmpty && again.unchanged.count == 3)
        #expect(changedOnly.written.isEmpty && changedOnly.unchanged.count == 3 && changedOnly.posts == 0)
        let after = try snapshot(run)
        #expect(after.keys.sorted() == before.keys.sorted())
        for (slug, (data, date)) in before {
            #expect(after[slug]?.0 == data, "\(slug) changed")
            #expect(after[slug]?.1 == date, "\(slug) was rewritten")
        }
    }

    @Test func changedReadsOnlyTheTripWhosePostChanged() throws {
        let (run, trips, posts, _) = try extracted()
        // Only the text changes; updated_at stays as it was, so only comparing content can see it.
        try run.database.run("UPDATE travel_posts SET content = 'Edited.' WHERE id = $1", [posts[1]])

        let report = try run.extract(changed: true)

        #expect(report.written.map(\.id) == [trips[1]])
        #expect(report.unchanged.count == 2)
        #expect(report.posts == 1)  // the unchanged trips were not read at all
        #expect(try run.trip(id: trips[1])?.posts.first?.content == "Edited.")
        #expect(try run.extract(changed: true).written.isEmpty)
    }

    @Test func changedSeesPhotoEditsAndPostsGoingPrivate() throws {
        let (run, trips, posts, photos) = try extracted()
        let db = run.database
        try db.run("UPDATE post_photos SET caption = 'A new caption' WHERE id = $1", [photos[0]])
        try db.run("UPDATE travel_posts SET visibility = 'private' WHERE id = $1", [posts[2]])
        try db.run("UPDATE destinations SET name = 'Renamed' WHERE travel_id = $1", [trips[1]])

        let report = try run.extract(changed: true)

        #expect(Set(report.written.map(\.id)) == Set(trips))
        #expect(try run.trip(id: trips[0])?.photos.first?.caption == "A new caption")
        #expect(try run.trip(id: trips[2])?.posts.isEmpty == true)
        #expect(try run.trip(id: trips[1])?.destinations.first?.name == "Renamed")
    }

    @Test func changedReadsNewTripsAndTripsWhoseFileLostItsStamp() throws {
        let (run, trips, _, _) = try extracted()
        let fresh = try run.database.trip("Sendai")
        var edited = try #require(try run.trip(id: trips[0]))
        edited.source = nil
        try run.contentDirectory.write(edited)

        let report = try run.extract(changed: true)

        #expect(Set(report.written.map(\.id)) == [fresh, trips[0]])
        #expect(try run.trip(id: trips[0])?.source != nil)
    }
}
