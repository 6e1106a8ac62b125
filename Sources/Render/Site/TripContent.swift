import TabiCore

/// What one trip folder of `Content/` holds: the facts, and the story when there is one.
public struct TripContent: Sendable, Equatable {
    public var trip: Trip
    /// The narrative; nil or `draft: true` gives a page without it (facts and posts only).
    public var story: Story?
    /// For a writer's preview only (never a published build): the story is shown even when it
    /// says `draft: true`, with a note saying so.
    public var preview: Bool
    /// For a preview: `story.draft.md`, the newer draft beside a writer's story, shown on a page
    /// of its own with what it changes.
    public var proposal: Story?

    public init(trip: Trip, story: Story? = nil, preview: Bool = false, proposal: Story? = nil) {
        self.trip = trip
        self.story = story
        self.preview = preview
        self.proposal = preview ? proposal : nil
    }

    /// The story when it may be published (or, in a preview, shown).
    var publishedStory: Story? {
        guard let story, !story.frontMatter.draft || preview else { return nil }
        return story
    }
}
