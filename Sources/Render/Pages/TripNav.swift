import Foundation

/// The trips before and after one in the listings (newest first): what its page links to as the
/// newer and the older trip. Only public trips are anyone's neighbours, and only they get links.
public struct TripNeighbours: Sendable, Equatable {
    public var newer: ListingPlacement?
    public var older: ListingPlacement?

    public init(newer: ListingPlacement? = nil, older: ListingPlacement? = nil) {
        self.newer = newer
        self.older = older
    }

    /// Each listed trip's neighbours, by trip id, from the listing order (newest first).
    public static func of(_ order: [ListingPlacement]) -> [String: TripNeighbours] {
        var found: [String: TripNeighbours] = [:]
        found.reserveCapacity(order.count)
        for (index, trip) in order.enumerated() {
            found[trip.id] = TripNeighbours(
                newer: index > 0 ? order[index - 1] : nil,
                older: index + 1 < order.count ? order[index + 1] : nil)
        }
        return found
    }

    /// What the links show (slugs and titles), and nothing else: the same key, the same links.
    public var key: String {
        func link(_ placement: ListingPlacement?) -> String {
            placement.map { $0.slug + "\t" + $0.title } ?? "-"
        }
        return link(newer) + "\n" + link(older)
    }
}

/// The links to the newer and older trip on a trip page. They sit between two markers the
/// renderer writes (``TripNav/start``, ``TripNav/end``), so they can be put in after the page is
/// rendered, or changed on a stored page alone: the page is rendered before its neighbours are
/// known (a nightly shard sees its own trips only), and a neighbour's change changes these links
/// and nothing else of it.
enum TripNav {
    static let start = "<!--tabi:trip-nav-->"
    static let end = "<!--/tabi:trip-nav-->"
    /// The theme's template for the links; a theme without it has none.
    static let template = "partials/trip-nav"

    /// What the page carries before its neighbours are known: the markers alone.
    static let empty = start + end

    /// `page` with the links between its markers replaced by `links`; nil when the page has no
    /// markers (a theme without `{{{tripNav}}}`), so there is nothing to change.
    static func splice(_ links: String, into page: Data) -> Data? {
        guard let open = range(of: start, in: page, from: page.startIndex),
            let close = range(of: end, in: page, from: open.upperBound)
        else { return nil }
        var result = Data(page[..<open.upperBound])
        result.append(Data(links.utf8))
        result.append(page[close.lowerBound...])
        return result
    }

    /// Where `marker` (ASCII) first is in `page` from `from` on: a plain byte search, where
    /// Foundation's `Data.range(of:)` went through `NSData` (1.4 % of a build).
    static func range(of marker: String, in page: Data, from: Data.Index) -> Range<Data.Index>? {
        let needle = Array(marker.utf8)
        guard let first = needle.first, page.endIndex - from >= needle.count else { return nil }
        return page.withUnsafeBytes { raw -> Range<Data.Index>? in
            let bytes = raw.bindMemory(to: UInt8.self)
            let base = page.startIndex
            var at = from - base
            let last = bytes.count - needle.count
            while at <= last {
                guard let found = bytes[at...last].firstIndex(of: first) else { return nil }
                if bytes[found..<found + needle.count].elementsEqual(needle) { return (base + found)..<(base + found + needle.count) }
                at = found + 1
            }
            return nil
        }
    }
}

/// Context of `partials/trip-nav`: the site (for its words) and the two links.
struct TripNavView {
    let site: SiteView
    let newer: TripNavLink?
    let older: TripNavLink?
}

/// A link to a neighbouring trip, relative to the trip's page.
struct TripNavLink {
    let url: String
    let title: String

    init(_ trip: ListingPlacement, root: String) {
        url = SiteURLs.relative(SiteURLs.trip(trip.slug), root: root)
        title = trip.title
    }
}
