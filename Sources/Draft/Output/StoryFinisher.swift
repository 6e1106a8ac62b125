import Foundation
import TabiCore

/// Puts a model's story into the form `story.md` takes: the fields a model may write (title,
/// summary, cover, tags) checked against the trip, the others (date, draft) set from the trip and
/// the settings, and any other key a model made up left out.
public struct StoryFinisher: Sendable {
    /// The trip the story is about.
    public var trip: Trip
    /// The `draft:` flag every generated story gets.
    public var markDraft: Bool

    public init(trip: Trip, markDraft: Bool) {
        self.trip = trip
        self.markDraft = markDraft
    }

    /// The story as it will be written.
    public func finish(_ story: Story) -> Story {
        let given = story.frontMatter
        let photoIds = Set(trip.photos.map(\.id))
        var front = StoryFrontMatter()
        front.title = Self.line(given.title, limit: 200) ?? trip.title
        front.summary = Self.line(given.summary, limit: 400) ?? trip.description.flatMap { Self.line($0, limit: 400) }
        // A cover must be one of the trip's photos; a model may name one that does not exist.
        front.cover = given.cover.flatMap { photoIds.contains($0) ? $0 : nil } ?? defaultCover
        front.date = trip.startDate ?? trip.posts.first?.timestamp.day
        front.tags = Self.tags(given.tags)
        front.draft = markDraft
        var body = story.body.replacingOccurrences(of: "\r\n", with: "\n")
        while body.hasPrefix("\n") { body.removeFirst() }
        while body.hasSuffix("\n\n") { body.removeLast() }
        if !body.hasSuffix("\n") { body += "\n" }
        return Story(frontMatter: front, body: body)
    }

    /// The trip's cover, else its first photo.
    public var defaultCover: String? {
        trip.coverPhotoId.flatMap { id in trip.photos.contains { $0.id == id } ? id : nil } ?? trip.photos.first?.id
    }

    /// Tags as slugs (`Basque Country` → `basque-country`), without repeats, at most eight.
    static func tags(_ given: [String]) -> [String] {
        var seen = Set<String>()
        return given.compactMap { Slug.make(from: $0).map { String($0.prefix(40)) } }
            .filter { seen.insert($0).inserted }
            .prefix(8).map { $0 }
    }

    /// One line of at most `limit` characters, or nil when there is no text.
    static func line(_ text: String?, limit: Int) -> String? {
        guard let text else { return nil }
        let single = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard !single.isEmpty else { return nil }
        return single.count > limit ? String(single.prefix(limit - 1)) + "…" : single
    }
}
