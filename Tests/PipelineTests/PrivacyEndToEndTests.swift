import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// Nothing private leaves the database: private trips, private posts and their photos, destination
/// notes and GPS positions, marked in the app's rows, never reach `Content/`, `Output/`, the site's
/// bucket, the state bucket, a prompt or anything a command prints; nor does any secret.
@Suite struct PrivacyEndToEndTests {
    static let marker = HostileText.privateMarker
    static let postLatitude = "12.3456789"
    static let photoLatitude = "-45.6789123"

    /// A little text around the first occurrence, to say where a leak is.
    static func context(of needle: String, in text: String) -> String {
        guard let range = text.range(of: needle) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -120, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 60, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }

    @Test(arguments: CommandRunner.binaries)
    func privateRowsAndSecretsNeverLeaveTheDatabase(binary: CommandRunner.Binary) async throws {
        let run = try PipelineRun(binary: binary)
        let db = run.database
        let owner = try db.profile(displayName: "Aiko")

        // A public trip: public posts with photos, one private post with its photo, notes on its place.
        let trip = try db.trip("Kyoto Autumn", user: owner, description: "Temples and tea.")
        let place = try db.destination(trip, name: "Kyoto", notes: "\(Self.marker) destination notes")
        let post = try db.post(trip, title: "Fushimi Inari", content: "Ten thousand gates.", destination: place)
        try db.photo(post, trip: trip, key: "originals/fushimi.jpg", caption: "Gates at dawn")
        try run.addOriginal("landscape-gps.jpg", at: "originals/fushimi.jpg")
        let hidden = try db.post(
            trip, at: "2024-11-03T09:00:00Z", title: "\(Self.marker) private post title",
            content: "\(Self.marker) private post text", visibility: "private")
        try db.photo(hidden, trip: trip, key: "originals/\(Self.marker).jpg", caption: "\(Self.marker) private caption")
        try run.addOriginal("small.jpg", at: "originals/\(Self.marker).jpg")
        try db.run("UPDATE travel_posts SET latitude = \(Self.postLatitude) WHERE travel_id = $1", [trip])
        try db.run("UPDATE post_photos SET latitude = \(Self.photoLatitude) WHERE travel_id = $1", [trip])

        // A private trip, whole.
        let secret = try db.trip(
            "\(Self.marker) private trip", visibility: "private", user: owner,
            description: "\(Self.marker) private description")
        try db.destination(secret, name: "\(Self.marker) private place", notes: Self.marker)
        let secretPost = try db.post(secret, title: "\(Self.marker) post of a private trip", content: Self.marker)
        try db.photo(secretPost, trip: secret, key: "originals/secret-trip.jpg", caption: "\(Self.marker) caption")

        #expect(try await run.extract().status == 0)
        let drafted = try await run.draft()
        #expect(drafted.status == 0, "\(drafted.stderr)")
        let built = try await run.build()
        #expect(built.status == 0, "\(built.stderr)")
        let published = try await run.publish()
        #expect(published.status == 0, "\(published.stderr)")

        let places: [(String, String)] = [
            ("Content/", try PipelineRun.everything(under: run.content)),
            ("Output/", try PipelineRun.everything(under: run.output)),
            ("the site's bucket", try await run.bucketText(run.siteBucket)),
            ("the state bucket", try await run.bucketText(run.stateBucket)),
            ("the prompts", try run.prompts()),
            ("what the commands printed", run.printed),
        ]
        let secrets = [
            ModelStandin.secret, run.moto.announcement.secretAccessKey,
            URLComponents(string: db.url)?.password ?? "no password",
        ]
        for (place, text) in places {
            #expect(!text.isEmpty, "\(place) is empty: nothing was checked")
            // A public post's position is one of its facts in trip.json (a writer's checkout), never
            // on a page, in the bucket or in a prompt.
            let postPosition = place == "Content/" ? [] : [Self.postLatitude]
            for needle in [Self.marker, Self.photoLatitude, secret] + postPosition + secrets {
                #expect(!text.contains(needle), "\(needle.prefix(12))… reached \(place): \(Self.context(of: needle, in: text))")
            }
        }
        // The model wrote a story (marked draft: true): it is in Content/ for a writer, not on the site.
        #expect(try PipelineRun.everything(under: run.content).contains("Notes from invoke"))
        #expect(!(try PipelineRun.everything(under: run.output)).contains("Notes from invoke"))
        #expect(try run.prompts().contains("Ten thousand gates."), "the prompt carried the public facts")
    }
}
