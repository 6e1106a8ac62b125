import Foundation
import TabiCore

/// Writes small trips into a content folder for tests: one post per photo, each photo one of the
/// image fixtures (`Tests/Fixtures/images`) copied under the media root with its SHA-256 recorded.
public struct FixtureTrips: Sendable {
    public let content: URL
    public let media: URL

    public init(content: URL, media: URL) {
        self.content = content
        self.media = media
    }

    /// A stable UUID made from the slug, so two runs give the same trip.json.
    public static func id(of slug: String) -> String {
        UUID(
            uuidString: ContentHash.sha256(slug).prefix(32).enumerated().map { i, c in
                [8, 12, 16, 20].contains(i) ? "-\(c)" : "\(c)"
            }.joined())!.uuidString.lowercased()
    }

    /// Writes `trips/<slug>/trip.json` (and copies its photos); returns the trip.
    @discardableResult
    public func add(
        trip slug: String, title: String, start: String, visibility: TripVisibility = .public,
        photos: [String]
    ) throws -> Trip {
        let id = Self.id(of: slug)
        var posts: [Post] = []
        for (index, name) in photos.enumerated() {
            let key = "travels/\(id)/\(index)-\(name)"
            let target = media.appendingPathComponent(key)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: RepositoryPaths.fixtures.appendingPathComponent("images/\(name)"), to: target)
            let sha = ContentHash.sha256(try Data(contentsOf: target))
            posts.append(
                Post(
                    id: "\(slug)-post-\(index)", timestamp: Timestamp("\(start)T1\(index):00:00Z")!,
                    title: "Day \(index + 1)", content: "Walked **far**.",
                    photos: [
                        Photo(
                            id: "\(slug)-photo-\(index)", storageKey: key, sha256: sha,
                            caption: "Photo \(index + 1) of \(title)")
                    ]))
        }
        let trip = Trip(
            id: id, slug: slug, title: title, startDate: CalendarDate(start), visibility: visibility,
            author: "Tester", posts: posts)
        let folder = content.appendingPathComponent("trips/\(slug)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TripJSON.encode(trip).write(to: folder.appendingPathComponent("trip.json"))
        return trip
    }

    /// Writes (or replaces) a trip's `story.md`.
    public func story(_ slug: String, title: String, body: String) throws {
        try "---\ntitle: \"\(title)\"\ndraft: false\n---\n\(body)\n"
            .write(to: content.appendingPathComponent("trips/\(slug)/story.md"), atomically: true, encoding: .utf8)
    }
}
