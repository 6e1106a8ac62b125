import ContentStore
import Foundation
import TabiCore
import Render

/// Reads every trip of `Content/` with its story, keeping each broken one apart so the rest build.
struct ContentLoader {
    let content: ContentDirectory
    /// A writer's preview: proposals (`story.draft.md`) are read, and drafts shown.
    var preview = false

    struct Loaded {
        /// Trips ready to render, in slug order.
        var trips: [TripContent]
        /// Slugs whose files could not be read: their previous output is kept as it is.
        var brokenSlugs: Set<String>
        var failures: [BuildFailure]
    }

    func load() throws(ContentError) -> Loaded {
        let (slugs, invalid) = try content.slugs()
        // A link where a trip's folder or trip.json should be makes that trip broken: its
        // previous pages stay, and nothing is read through the link.
        var loaded = Loaded(trips: [], brokenSlugs: Set(invalid.compactMap(\.slug)), failures: invalid.map {
            BuildFailure(trip: $0.slug, file: $0.file, reason: $0.reason)
        })
        for slug in slugs {
            do {
                let trip = try content.trip(slug)
                let story = try content.story(slug)
                let proposal = preview ? try content.proposedStory(slug) : nil
                loaded.trips.append(TripContent(trip: trip, story: story, preview: preview, proposal: proposal))
            } catch {
                loaded.brokenSlugs.insert(slug)
                loaded.failures.append(BuildFailure(trip: slug, file: error.file, reason: error.reason))
            }
        }
        return loaded
    }
}
