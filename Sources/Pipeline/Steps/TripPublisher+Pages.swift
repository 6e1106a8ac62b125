import Concurrency
import Foundation
import Render
import TabiCore

extension TripPublisher {
    /// The listing order as a run on one worker knows it before its pages go up: every listed
    /// trip's place as the listing index has it, and the places of the trips it builds (known from
    /// their files, before they are rendered). The pages it puts carry their links to the
    /// newer and older trip from it, so the finalize step that follows in the same run puts them
    /// again only where its own order (made from every record) differs.
    struct Linking: Sendable {
        /// Trip id → its place, as the listing index has it.
        var listed: [String: ListedTrip]
        /// ``TripInputs/siteKey``, which every link key starts from.
        var siteKey: String

        /// Each of `built` (the places of the listed trips built tonight) → its neighbours in the
        /// order the listings would show with those places and without the trips in `gone`, and
        /// their link key (``Finalizer/LinkKeys``).
        func neighbours(of built: [ListingPlacement], without gone: Set<String>) -> [String: (around: TripNeighbours, key: String)] {
            guard !built.isEmpty else { return [:] }
            let fresh = Set(built.map(\.id))
            let keys = Finalizer.LinkKeys(siteKey: siteKey)
            var result: [String: (around: TripNeighbours, key: String)] = [:]
            func add(_ id: String, _ around: TripNeighbours) { result[id] = (around, keys.key(around)) }
            if built.count <= Self.scanned {
                // A few trips: each one's neighbours by one pass over the rest, with no sort.
                for trip in built {
                    var around = TripNeighbours()
                    func consider(_ other: ListingPlacement) {
                        guard other.id != trip.id else { return }
                        if ListingPlacement.newestFirst(other, trip) {
                            if around.newer.map({ ListingPlacement.newestFirst($0, other) }) ?? true { around.newer = other }
                        } else if around.older.map({ ListingPlacement.newestFirst(other, $0) }) ?? true {
                            around.older = other
                        }
                    }
                    for (id, listed) in listed where !fresh.contains(id) && !gone.contains(id) { consider(listed.placement) }
                    for other in built { consider(other) }
                    add(trip.id, around)
                }
                return result
            }
            let order = (listed.lazy.filter { !fresh.contains($0.key) && !gone.contains($0.key) }.map(\.value.placement) + built)
                .sortedNewestFirst()
            for (index, trip) in order.enumerated() where fresh.contains(trip.id) {
                add(
                    trip.id,
                    TripNeighbours(newer: index > 0 ? order[index - 1] : nil, older: index + 1 < order.count ? order[index + 1] : nil))
            }
            return result
        }

        /// Up to how many built trips the neighbours are found without sorting the whole order.
        static let scanned = 16
    }

    /// One rendered page to put: its path and bytes, the MD5 its trip's record has for it, and,
    /// for a listed trip's page when the order is known, the links to put in it first.
    struct PageJob: Sendable {
        var id: String
        var slug: String
        var path: String
        var data: Data
        var previous: String?
        var links: (around: TripNeighbours, key: String)?
    }

    enum PageOutcome: Sendable {
        /// The stored page already has these bytes (their MD5): not put.
        case same(String)
        /// Put, with this MD5; whether a copy the CDN holds must be invalidated.
        case put(md5: String, needsInvalidation: Bool)
        case failed(StoreError)
    }

    /// Puts each job's page with its links put in, several at a time; a page whose bytes are the
    /// recorded ones is left. In the order of `jobs`.
    func putPages(_ jobs: [PageJob], renderer: SiteRenderer) async -> [(job: PageJob, result: PageOutcome)] {
        var outcomes = [PageOutcome?](repeating: nil, count: jobs.count)
        let sync = self.sync
        await slidingWindow(jobs.count, concurrency: sync.concurrency) { index -> PageOutcome in
            let job = jobs[index]
            var page = job.data
            if let links = job.links, let linked = renderer.withNeighbours(page, slug: job.slug, links.around) { page = linked }
            let file = sync.prepare(job.path, page)
            guard file.md5 != job.previous else { return .same(file.md5) }
            do throws(StoreError) {
                try await sync.site.write(file.path, file.data, md5: file.md5, attributes: file.attributes)
                return .put(md5: file.md5, needsInvalidation: file.needsInvalidation)
            } catch {
                return .failed(error)
            }
        } collect: { index, outcome in
            outcomes[index] = outcome
        }
        return zip(jobs, outcomes).compactMap { job, outcome in outcome.map { (job, $0) } }
    }
}
