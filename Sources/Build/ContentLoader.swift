import ContentStore
import Foundation
import TabiCore
import Render

/// Reads every trip of `Content/` with its story, keeping each broken one apart so the rest build.
/// A trip the last build left as it would build it now (``PageCache``) is not read at all.
struct ContentLoader {
    let content: ContentDirectory
    /// A writer's preview: proposals (`story.draft.md`) are read, and drafts shown.
    var preview = false

    struct Loaded {
        /// Trips to render, in slug order.
        var trips: [TripContent]
        /// Slug → the stamps of its files as read, for every trip in ``trips``.
        var stamps: [String: String] = [:]
        /// Trips whose pages in `Output/` are still what a build would make, by slug.
        var reused: [String: CachedTrip] = [:]
        /// Slugs whose files could not be read: their previous output is kept as it is.
        var brokenSlugs: Set<String>
        var failures: [BuildFailure]
    }

    /// Reads every trip but those `cache` has as `output` still holds them.
    func load(reusing cache: PageCache, output: URL) throws(ContentError) -> Loaded {
        let (found, invalid) = try content.tripStamps()
        // A link where a trip's folder or trip.json should be makes that trip broken: its
        // previous pages stay, and nothing is read through the link.
        var loaded = Loaded(trips: [], brokenSlugs: Set(invalid.compactMap(\.slug)), failures: invalid.map {
            BuildFailure(trip: $0.slug, file: $0.file, reason: $0.reason)
        })
        let proposals = preview ? proposalStamps(found.map(\.slug)) : [:]
        for trip in found {
            let slug = trip.slug
            let stamps = PageCache.stamps(trip, proposal: proposals[slug])
            if let cached = cache.reusable(slug, stamps: stamps, output: output) {
                loaded.reused[slug] = cached
                continue
            }
            do {
                let parsed = try content.trip(slug)
                let story = try content.story(slug)
                let proposal = preview ? try content.proposedStory(slug) : nil
                loaded.trips.append(TripContent(trip: parsed, story: story, preview: preview, proposal: proposal))
                loaded.stamps[slug] = stamps
            } catch {
                loaded.brokenSlugs.insert(slug)
                loaded.failures.append(BuildFailure(trip: slug, file: error.file, reason: error.reason))
            }
        }
        return loaded
    }

    /// The stamps of each trip's `story.draft.md`; a trip without one (or unreadable) has none.
    private func proposalStamps(_ slugs: [String]) -> [String: ConfinedFolder.Stamp] {
        let stamps = (try? content.confined.stamps(of: [ContentDirectory.proposalFileName], inEachOf: slugs, in: "trips")) ?? [:]
        return stamps.compactMapValues { $0[ContentDirectory.proposalFileName] }
    }
}
