import TabiCore

/// What a writer needs to know of one trip (`tabi-press status`).
public struct TripState: Sendable, Equatable {
    public var slug: String
    public var id: String?
    public var title: String?
    public var visibility: String?
    /// `none`, `drafted` (as the narrator wrote it) or `edited` (a writer's).
    public var story: StoryState
    /// The story says `draft: true`: it waits for a writer's review, and is not published.
    public var awaitingReview: Bool
    /// The trip's facts (or the prompt or model) changed since its story was drafted: the next
    /// `draft` writes a new one. Nil when that could not be told (see ``problems``).
    public var factsChanged: Bool?
    /// A newer draft waits in `story.draft.md` beside a writer's story.
    public var draftWaiting: Bool
    /// The command that shows what the waiting draft changes.
    public var diffCommand: String?
    /// Whether `Output/` has the trip's page, and whether it is newer than its files.
    public var built: Built
    /// Whether the bucket has the page as built (nil: no bucket was given).
    public var published: Published?
    /// What could not be read or told, naming the file.
    public var problems: [String]

    public enum StoryState: String, Sendable { case none, drafted, edited }
    public enum Built: String, Sendable { case current, outdated, no }
    public enum Published: String, Sendable { case current, outdated, no, unknown }

    public init(slug: String) {
        self.slug = slug
        story = .none
        awaitingReview = false
        draftWaiting = false
        built = .no
        problems = []
    }

    /// What needs a writer, in a few words (empty: nothing).
    public var needs: [String] {
        var needs: [String] = []
        if draftWaiting { needs.append("a newer draft to review") }
        if awaitingReview { needs.append("review (draft: true)") }
        if factsChanged == true { needs.append(story == .edited ? "facts changed since the story was written" : "a new draft") }
        if !problems.isEmpty { needs.append("a fix") }
        return needs
    }

    public var json: JSONValue {
        [
            "slug": .string(slug), "id": .optional(id), "title": .optional(title), "visibility": .optional(visibility),
            "story": .string(story.rawValue), "awaitingReview": .bool(awaitingReview),
            "factsChanged": factsChanged.map(JSONValue.bool) ?? .null, "draftWaiting": .bool(draftWaiting),
            "diffCommand": .optional(diffCommand), "built": .string(built.rawValue),
            "published": .optional(published?.rawValue), "needs": .strings(needs), "problems": .strings(problems),
        ]
    }
}

/// Every trip's status, and the table and JSON that show it.
public struct StatusReport: Sendable {
    public var trips: [TripState]
    /// Problems that concern no trip (the bucket could not be listed, the narrator not set up).
    public var notes: [String]

    public init(trips: [TripState], notes: [String]) {
        self.trips = trips
        self.notes = notes
    }

    public var json: JSONValue {
        [
            "trips": .array(trips.map(\.json)), "notes": .strings(notes),
            "needWriter": .int(trips.count { !$0.needs.isEmpty }),
        ]
    }

    /// A table for a terminal: a line per trip, then the commands that show waiting drafts.
    public var text: String {
        let showsPublished = trips.contains { $0.published != nil }
        var rows = [["TRIP", "VISIBILITY", "STORY", "FACTS", "BUILT"] + (showsPublished ? ["PUBLISHED"] : []) + ["NEEDS"]]
        for trip in trips {
            let facts = trip.factsChanged.map { $0 ? "changed" : "same" } ?? "?"
            var story = trip.story.rawValue
            if trip.awaitingReview { story += ", draft: true" }
            if trip.draftWaiting { story += ", newer draft" }
            rows.append(
                [trip.slug, trip.visibility ?? "?", story, facts, trip.built.rawValue]
                    + (showsPublished ? [trip.published?.rawValue ?? "-"] : []) + [
                        trip.needs.isEmpty ? "-" : trip.needs.joined(separator: "; ")
                    ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].unicodeScalars.count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.unicodeScalars.count)
            }.joined(separator: "  ")
        }
        for trip in trips {
            if let command = trip.diffCommand { lines.append("\(trip.slug): see the newer draft with: \(command)") }
            for problem in trip.problems { lines.append("\(trip.slug): \(problem)") }
        }
        lines += notes
        let waiting = trips.count { !$0.needs.isEmpty }
        lines.append("\(trips.count) trip\(trips.count == 1 ? "" : "s"), \(waiting) need\(waiting == 1 ? "s" : "") a writer")
        return lines.joined(separator: "\n")
    }
}
