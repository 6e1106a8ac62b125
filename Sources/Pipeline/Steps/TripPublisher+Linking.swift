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
}
