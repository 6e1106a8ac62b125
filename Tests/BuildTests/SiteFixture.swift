import Build
import Foundation
import Images
import TabiCore
import TestSupport

/// A small site in a temp folder: three trips (two public, one unlisted) whose photos are the
/// image fixtures (GPS-tagged, rotated, CMYK, alpha), so a build takes a fraction of a second.
final class SiteFixture: @unchecked Sendable {
    let folder = TemporaryFolder("tabi-build")
    var content: URL { folder("Content") }
    var output: URL { folder("Output") }
    var media: URL { folder("Content/media") }

    init() throws {
        try add(
            trip: "coast-walk", title: "Coast Walk", start: "2024-05-01", photos: ["landscape-gps.jpg", "orientation-6.jpg", "cmyk.jpg"])
        try add(trip: "city-break", title: "City Break", start: "2024-03-10", photos: ["small.jpg", "alpha.png"])
        try add(trip: "secret-garden", title: "Secret Garden", start: "2024-06-01", visibility: .unlisted, photos: ["small.jpg"])
    }

    /// Writes a trip with one post per photo, its photos copied under the media root, and a
    /// story titled like the trip (or `story` as the whole file; nil for none).
    func add(
        trip slug: String, title: String, start: String, visibility: TripVisibility = .public,
        photos: [String], story: String? = ""
    ) throws {
        let trips = FixtureTrips(content: content, media: media)
        try trips.add(trip: slug, title: title, start: start, visibility: visibility, photos: photos)
        if story == "" {
            try trips.story(slug, title: title, body: "A *story*.")
        } else if let story {
            try story.write(to: content.appendingPathComponent("trips/\(slug)/story.md"), atomically: true, encoding: .utf8)
        }
    }

    func options(output: URL? = nil) -> BuildOptions {
        BuildOptions(
            content: content, output: output ?? self.output, theme: RepositoryPaths.defaultTheme,
            media: MediaRoot(folder: media), config: .defaults, concurrency: 2)
    }

    func build(output: URL? = nil) async throws -> BuildReport {
        try await SiteBuilder(options: options(output: output)).build()
    }

    /// Modification times of every file under `Output/`.
    func mtimes() throws -> [String: Date] {
        try FolderFiles.modificationDates(under: output)
    }

    func text(_ relative: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(relative), encoding: .utf8)
    }
}
