import TabiCore

/// What one trip folder of `Content/` holds: the facts, and the story when there is one.
public struct TripContent: Sendable, Equatable {
    public var trip: Trip
    /// The narrative; nil or `draft: true` gives a page without it (facts and posts only).
    public var story: Story?

    public init(trip: Trip, story: Story? = nil) {
        self.trip = trip
        self.story = story
    }

    /// The story when it may be published.
    var publishedStory: Story? {
        guard let story, !story.frontMatter.draft else { return nil }
        return story
    }
}
