import ContentStore
import TabiCore

/// What the listings need to know of a listed trip to place it (order, tags, sitemap), without
/// what its card shows: enough to work out every listing page and which trips each one shows.
public struct ListingPlacement: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var startDate: CalendarDate?
    public var updated: Timestamp?
    public var tags: [String]

    public init(id: String, slug: String, title: String, startDate: CalendarDate?, updated: Timestamp?, tags: [String]) {
        self.id = id
        self.slug = slug
        self.title = title
        self.startDate = startDate
        self.updated = updated
        self.tags = tags
    }

    /// Newest trip first: start date, then last change, then title and slug so ties never depend
    /// on input order.
    public static func newestFirst(_ lhs: ListingPlacement, _ rhs: ListingPlacement) -> Bool {
        ListingEntry.newestFirst((lhs.startDate, lhs.updated, lhs.title, lhs.slug), (rhs.startDate, rhs.updated, rhs.title, rhs.slug))
    }
}

extension Sequence where Element == ListingPlacement {
    /// Sorted by ``ListingPlacement/newestFirst(_:_:)``, quicker than `sorted(by:)`.
    public func sortedNewestFirst() -> [ListingPlacement] {
        ListingEntry.sortedNewestFirst(Array(self)) { ($0.startDate, $0.updated, $0.title, $0.slug) }
    }
}

extension Sequence where Element == ListingEntry {
    /// Sorted by ``ListingEntry/newestFirst(_:_:)``, quicker than `sorted(by:)`.
    public func sortedNewestFirst() -> [ListingEntry] {
        ListingEntry.sortedNewestFirst(Array(self)) { ($0.startDate, $0.updated, $0.title, $0.slug) }
    }
}

extension ListingEntry {
    public var placement: ListingPlacement {
        ListingPlacement(id: id, slug: slug, title: title, startDate: startDate, updated: updated, tags: tags)
    }
}

/// A tag as the site names it: the address part (`food-and-drink`) and the words shown.
public struct SiteTag: Sendable, Equatable, Hashable {
    public var slug: String
    public var name: String

    /// Tags that make the same slug are one tag (`Food` and `food`); a tag with no letter or
    /// digit to make a slug from gets one from its hash.
    public static func slug(of tag: String) -> String {
        Slug.make(from: tag, maximumLength: 64) ?? "tag-" + String(ContentHash.sha256(tag).prefix(12))
    }

    /// A trip's tags, one per slug, in its order.
    public static func unique(_ tags: [String]) -> [SiteTag] {
        var slugs: [String: String] = [:]
        return unique(tags, slugs: &slugs)
    }

    /// The same, with the slugs of spellings already seen (spelling → slug) kept in `slugs`.
    static func unique(_ tags: [String], slugs: inout [String: String]) -> [SiteTag] {
        var seen = Set<String>()
        return tags.compactMap { name in
            let slug = slugs[name] ?? slug(of: name)
            slugs[name] = slug
            return seen.insert(slug).inserted ? SiteTag(slug: slug, name: name) : nil
        }
    }
}

/// One page that lists trips: a page of the home page (`index.html`, `page/2/index.html`, …), a
/// page of a tag (`tags/<slug>/index.html`, `tags/<slug>/page/2/index.html`, …), or the page of
/// all tags (`tags/index.html`).
public struct ListingPage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case home
        case tag(SiteTag)
        /// Every tag, with how many trips each has.
        case tags([TagCount])
    }

    public var kind: Kind
    /// 1-based.
    public var number: Int
    public var count: Int
    /// The trips it shows, in listing order.
    public var ids: [String]
    public var path: String { ListingPages.path(kind, number: number) }

    public struct TagCount: Sendable, Equatable {
        public var tag: SiteTag
        public var trips: Int
    }
}

/// Works out the listing pages of a site from its listed trips: which pages there are and which
/// trips each shows. No page is rendered here, so a caller can render only the pages whose
/// trips changed.
public enum ListingPages {
    /// `listed` in listing order (``ListingPlacement/newestFirst(_:_:)``).
    public static func make(_ listed: [ListingPlacement], pageSize: Int) -> [ListingPage] {
        var pages = paginate(listed.map(\.id), kind: .home, pageSize: pageSize, keepEmpty: true)
        var tags: [String: (tag: SiteTag, ids: [String])] = [:]
        // Slugs come from ICU transforms: each spelling is worked out once, not once per trip.
        var slugs: [String: String] = [:]
        for trip in listed {
            for tag in SiteTag.unique(trip.tags, slugs: &slugs) {
                // The newest trip's spelling names the tag.
                tags[tag.slug, default: (tag, [])].ids.append(trip.id)
            }
        }
        let sorted = tags.values.sorted { ($0.tag.name.lowercased(), $0.tag.slug) < ($1.tag.name.lowercased(), $1.tag.slug) }
        if !sorted.isEmpty {
            pages.append(
                ListingPage(
                    kind: .tags(sorted.map { .init(tag: $0.tag, trips: $0.ids.count) }),
                    number: 1, count: 1, ids: []))
        }
        for (tag, ids) in sorted {
            pages += paginate(ids, kind: .tag(tag), pageSize: pageSize, keepEmpty: false)
        }
        return pages
    }

    private static func paginate(_ ids: [String], kind: ListingPage.Kind, pageSize: Int, keepEmpty: Bool) -> [ListingPage] {
        let size = max(pageSize, 1)
        let count = max((ids.count + size - 1) / size, keepEmpty ? 1 : 0)
        return (0..<count).map { index in
            ListingPage(
                kind: kind, number: index + 1, count: count,
                ids: Array(ids[min(index * size, ids.count)..<min((index + 1) * size, ids.count)]))
        }
    }

    /// The folder URL of page `number` of a listing (the first page has none of its own).
    static func folder(_ kind: ListingPage.Kind, number: Int) -> String {
        let base =
            switch kind {
            case .home: ""
            case .tag(let tag): SiteURLs.tag(tag.slug)
            case .tags: SiteURLs.tags
            }
        return number <= 1 ? base : base + OutputLayout.laterPagesFolder + "\(number)/"
    }

    static func path(_ kind: ListingPage.Kind, number: Int) -> String {
        folder(kind, number: number) + "index.html"
    }
}
