import Concurrency
import ContentStore
import Foundation
import Render
import TabiCore

/// Reads every trip of `Content/` with its story, keeping each broken one apart so the rest build.
/// A trip the last build left as it would build it now (``PageCache``) is not read at all.
///
/// Of the trips it reads it keeps an outline only (``TripOutline``): a build holds the content
/// of the few trips being rendered, not of the site, so its memory does not grow with the trips.
struct ContentLoader: Sendable {
    let content: ContentDirectory
    /// A writer's preview: proposals (`story.draft.md`) are read, and drafts shown.
    var preview = false

    struct Loaded {
        /// Trips to render, in slug order.
        var trips: [TripOutline]
        /// Slug → the stamps of its files as read, for every trip in ``trips``.
        var stamps: [String: String] = [:]
        /// Trips whose pages in `Output/` are still what a build would make, by slug.
        var reused: [String: CachedTrip] = [:]
        /// Slugs whose files could not be read: their previous output is kept as it is.
        var brokenSlugs: Set<String>
        var failures: [BuildFailure]

        /// Takes what reading `slug` gave: its outline to render, or its failure (the trip is
        /// broken: its previous pages stay).
        mutating func take(_ slug: String, stamps: String, _ read: Result<TripOutline, ContentError>) {
            switch read {
            case .success(let outline):
                trips.append(outline)
                self.stamps[slug] = stamps
            case .failure(let error):
                brokenSlugs.insert(slug)
                failures.append(BuildFailure(trip: slug, file: error.file, reason: error.reason))
            }
        }
    }

    /// Reads every trip but those `cache` has as `Output/` still holds them (its files among
    /// `present`), `concurrency` at a time.
    func load(reusing cache: PageCache, present: Set<String>, concurrency: Int) async throws(ContentError) -> Loaded {
        let (found, invalid) = try content.tripStamps()
        // A link where a trip's folder or trip.json should be makes that trip broken: its
        // previous pages stay, and nothing is read through the link.
        var loaded = Loaded(
            trips: [], brokenSlugs: Set(invalid.compactMap(\.slug)),
            failures: invalid.map {
                BuildFailure(trip: $0.slug, file: $0.file, reason: $0.reason)
            })
        let proposals = preview ? proposalStamps(found.map(\.slug)) : [:]
        var toRead: [(slug: String, stamps: String)] = []
        for trip in found {
            let stamps = PageCache.stamps(trip, proposal: proposals[trip.slug])
            if let cached = cache.reusable(trip.slug, stamps: stamps, present: present) {
                loaded.reused[trip.slug] = cached
            } else {
                toRead.append((trip.slug, stamps))
            }
        }
        let loader = self, reading = toRead
        await slidingWindow(toRead.count, concurrency: concurrency) { index in
            Result { () throws(ContentError) in TripOutline(try loader.read(reading[index].slug)) }
        } collect: { index, result in
            loaded.take(toRead[index].slug, stamps: toRead[index].stamps, result)
        }
        loaded.trips.sort { $0.slug < $1.slug }
        return loaded
    }

    /// Reads again, to render them, trips ``load(reusing:present:concurrency:)`` reused whose
    /// record lacks what this build needs (the story of a trip that moved into the feed).
    func readAgain(_ slugs: [String], in loaded: inout Loaded) {
        for slug in slugs {
            guard let cached = loaded.reused.removeValue(forKey: slug) else { continue }
            loaded.take(slug, stamps: cached.stamps, Result { () throws(ContentError) in TripOutline(try read(slug)) })
        }
        loaded.trips.sort { $0.slug < $1.slug }
    }

    /// One trip's content: its facts, its story and, in a preview, the proposal beside it.
    func read(_ slug: String) throws(ContentError) -> TripContent {
        let trip = try content.trip(slug)
        let story = try content.story(slug)
        let proposal = preview ? try content.proposedStory(slug) : nil
        return TripContent(trip: trip, story: story, preview: preview, proposal: proposal)
    }

    /// The stamps of each trip's `story.draft.md`; a trip without one (or unreadable) has none.
    private func proposalStamps(_ slugs: [String]) -> [String: ConfinedFolder.Stamp] {
        let stamps = (try? content.confined.stamps(of: [ContentDirectory.proposalFileName], inEachOf: slugs, in: "trips")) ?? []
        var found: [String: ConfinedFolder.Stamp] = [:]
        for (slug, stamp) in zip(slugs, stamps) { found[slug] = stamp }
        return found
    }
}

/// What a build keeps of a trip from reading it to rendering it: what places it in the listings
/// and the photos to make. Its page is rendered from its files, read again.
struct TripOutline: Sendable {
    var slug: String
    var id: String
    var visibility: TripVisibility
    var photos: [Photo]
    /// Where it goes in the listings; nil for a trip they do not show.
    var placement: ListingPlacement?

    init(_ content: TripContent) {
        slug = content.trip.slug
        id = content.trip.id
        visibility = content.trip.visibility
        photos = content.trip.photos
        placement = ListingEntry.placement(of: content)
    }
}
