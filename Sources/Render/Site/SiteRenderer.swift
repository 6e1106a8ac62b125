import Concurrency
import ContentStore
import Foundation
import Markdown
import TabiCore

/// Turns trips and their photo renditions into the files of the static site, through a theme.
///
/// Output is deterministic: the same trips, renditions, config and theme give byte-identical
/// files, in the same order (sorted by path), with no trace of when or where they were built.
public struct SiteRenderer: Sendable {
    public let config: SiteConfig
    public let theme: Theme
    package var markdown: MarkdownRenderer
    private let urls: SiteURLs
    /// The theme's words in the site's language.
    let words: SiteWords

    public init(config: SiteConfig, theme: Theme) {
        self.config = config
        self.theme = theme
        let words = SiteWords(language: config.language, strings: theme.strings)
        self.words = words
        markdown = MarkdownRenderer(
            options: MarkdownOptions(
                taskListLabels: TaskListLabels(
                    done: words("task_done"),
                    notDone: words("task_not_done"))),
            limits: MarkdownLimits(
                maximumBytes: config.markdown.maxBytes,
                maximumNesting: config.markdown.maxNesting,
                maximumTableColumns: config.markdown.maxTableColumns))
        urls = SiteURLs(baseURL: config.baseURL)
    }

    /// The recipes photos are made with for this site: `tabi.yml`'s `images:` when the site sets
    /// it (the site owner decides), else the theme's (its layout knows its widths), else the defaults.
    public var imageRecipes: ImageRecipes {
        config.specifiedKeys.contains("images") ? config.images : (theme.imageRecipes ?? config.images)
    }

    // MARK: - One trip at a time, so a run renders only what changed

    /// Changes whenever the same trips, settings and theme could give other files: what a
    /// cache of rendered pages (the build's, the nightly's) keys on besides its inputs.
    public static let outputVersion = "render 5"

    /// How many trips the feed carries (the newest): only their entries need their story HTML.
    public static let feedEntryCount = AtomFeed.maximumEntries
    /// Where the feed is, from the site's root.
    public static let feedPath = SiteURLs.feed

    /// A site of one trip whose home page is the trip (`tabi-press export`): `index.html`, the
    /// trip's page at its own address too, the theme's assets, and the feed, sitemap, robots.txt
    /// and 404 page of a site of that one trip (empty of it when it is unlisted); links relative,
    /// so it opens from disk.
    public func renderTripAsHome(_ content: TripContent, renditions: [String: PhotoRenditions]) throws(RenderError) -> SiteRender {
        guard Slug.isValid(content.trip.slug) else {
            throw .invalidSlug(tripID: content.trip.id, slug: content.trip.slug)
        }
        let home = "index.html"
        let facts = TripFacts(content: content, renditions: renditions, markdown: markdown, style: photoStyle)
        var problems = facts.problems
        let page = TripPage(
            facts: facts, renditions: renditions, sizes: imageRecipes.sizes, markdown: markdown,
            frame: frame, at: home, problems: &problems)
        // The trip's own address too, which the feed and sitemap name (and the feed's story is
        // read from: its relative addresses resolve against that page).
        let own = try tripRender(content, renditions: renditions)
        let files =
            assets() + listings(own.listed.map { [$0] } ?? []).filter { $0.path != home }
            + [SiteFile(path: home, text: theme.templates.render("trip", page))] + own.files
        return SiteRender(files: files.sorted { $0.path < $1.path }, problems: problems)
    }

    /// One trip's page and, when the trip is public, the entry its listings use.
    public func renderTripPage(_ content: TripContent, renditions: [String: PhotoRenditions]) throws(RenderError) -> TripPageRender {
        let trip = try tripRender(content, renditions: renditions)
        return TripPageRender(files: trip.files, listing: trip.listed, problems: trip.problems)
    }

    /// One trip page, and the facts the listings need when the trip is public.
    func tripRender(_ content: TripContent, renditions: [String: PhotoRenditions]) throws(RenderError) -> TripRender {
        guard Slug.isValid(content.trip.slug) else {
            throw .invalidSlug(tripID: content.trip.id, slug: content.trip.slug)
        }
        let facts = TripFacts(content: content, renditions: renditions, markdown: markdown, style: photoStyle)
        var problems = facts.problems
        var page = TripPage(
            facts: facts, renditions: renditions, sizes: imageRecipes.sizes, markdown: markdown,
            frame: frame, problems: &problems)
        page.preview = PreviewView(content, words: words)
        var files = [SiteFile(path: SiteURLs.tripFile(facts.slug), text: theme.templates.render("trip", page))]
        if content.preview, let proposal = content.proposal {
            // A writer's preview: the newer draft as the page would be, with what it changes.
            var proposed = content
            proposed.story = proposal
            let path = PreviewView.path(facts.slug)
            let proposedFacts = TripFacts(content: proposed, renditions: renditions, markdown: markdown, style: photoStyle)
            var ignored: [RenderProblem] = proposedFacts.problems
            var proposalPage = TripPage(
                facts: proposedFacts, renditions: renditions, sizes: imageRecipes.sizes,
                markdown: markdown, frame: frame, at: path, problems: &ignored)
            proposalPage.preview = PreviewView(proposalOf: content, words: words)
            files.append(SiteFile(path: path, text: theme.templates.render("trip", proposalPage)))
        }
        return TripRender(
            files: files, listed: facts.isPublic ? ListingEntry(facts: facts, renditions: renditions) : nil,
            problems: problems)
    }

    /// The files that list trips (home and listing pages, tag pages, feed, sitemap, robots.txt,
    /// 404.html) from the public trips' entries, as a full build makes them. The
    /// feed's entries need their story HTML; the others do not.
    /// Only the listing pages `rendering` says yes to are rendered (the feed, sitemap, 404 page
    /// and robots.txt always are): a caller that knows a page shows what it showed leaves it.
    public func listingFiles(_ entries: [ListingEntry], rendering: (ListingPage) -> Bool = { _ in true }) -> [SiteFile] {
        listings(entries, rendering: rendering)
    }

    /// The listing files from the public trips' facts.
    func listings(_ entries: [ListingEntry], rendering: (ListingPage) -> Bool = { _ in true }) -> [SiteFile] {
        let listed = entries.sortedNewestFirst()
        var byID: [String: ListingEntry] = [:]
        for entry in listed where byID[entry.id] == nil { byID[entry.id] = entry }
        let summaries = listed.map(\.placement)
        let pages = ListingPages.make(summaries, pageSize: pageSize)
        return fixedPages() + [renderFeed(listed)] + renderSitemap(summaries, pages: pages)
            + pages.filter(rendering).map { renderListingPage($0, trips: $0.ids.compactMap { byID[$0] }) }
    }

    // MARK: - Links between trip pages

    /// Where a trip's page is in the site: `trips/<slug>/index.html`.
    public static func tripPagePath(_ slug: String) -> String { SiteURLs.tripFile(slug) }

    /// A trip's rendered files with the links to its neighbours put into its page; as they were
    /// for a trip with no place in `neighbours` (an unlisted one).
    public func linking(_ files: [SiteFile], of listing: ListingEntry?, among neighbours: [String: TripNeighbours]) -> [SiteFile] {
        guard let listing, let around = neighbours[listing.id] else { return files }
        let path = SiteURLs.tripFile(listing.slug)
        return files.map { file in
            guard file.path == path, let linked = withNeighbours(file.data, slug: listing.slug, around) else { return file }
            return SiteFile(path: path, data: linked)
        }
    }

    /// A public trip's page (`trips/<slug>/index.html` as rendered) with the links to its
    /// neighbours put between its markers; nil when the page has no markers (its theme shows no
    /// such links). Only this part of the page changes, so a stored page can be given new links
    /// without rendering it again.
    public func withNeighbours(_ page: Data, slug: String, _ neighbours: TripNeighbours) -> Data? {
        let root = SiteURLs.root(ofPage: SiteURLs.tripFile(slug))
        let view = TripNavView(
            site: frame.site(root: root), newer: neighbours.newer.map { TripNavLink($0, root: root) },
            older: neighbours.older.map { TripNavLink($0, root: root) })
        let links =
            neighbours.newer == nil && neighbours.older == nil ? "" : (theme.templates.renderIfPresent(TripNav.template, view) ?? "")
        return TripNav.splice(links, into: page)
    }

    // MARK: - Listings one by one, so a run renders only the pages whose trips changed

    /// How many trips a listing page shows (`pagination.pageSize`).
    public var pageSize: Int { config.pagination.pageSize }

    /// `404.html` and `robots.txt`, which list no trip.
    public func fixedPages() -> [SiteFile] {
        [
            SiteFile(path: SiteURLs.notFound, text: theme.templates.render("404", NotFoundPage(frame: frame))),
            SiteFile(path: OutputLayout.robots, text: Sitemap(urls: urls).robots()),
        ]
    }

    /// One page of ``ListingPages/make(_:pageSize:)``; `trips` are the entries of its ``ListingPage/ids``.
    public func renderListingPage(_ page: ListingPage, trips: [ListingEntry]) -> SiteFile {
        SiteFile(path: page.path, text: theme.templates.render("home", HomePage(page, trips: trips, frame: frame)))
    }

    /// `feed.xml` from the newest listed trips (``feedEntryCount`` of them are used), in listing
    /// order, with their story HTML.
    public func renderFeed(_ newest: [ListingEntry]) -> SiteFile {
        SiteFile(path: SiteURLs.feed, text: AtomFeed(config: config, urls: urls).render(newest))
    }

    /// `sitemap.xml`: the home page, every listed trip (in listing order), the tags page and each
    /// tag's first page; for a site of more than 50,000 such addresses, the index of its parts
    /// (`sitemaps/1.xml` and on), which follow it.
    public func renderSitemap(_ listed: [ListingPlacement], pages: [ListingPage]) -> [SiteFile] {
        Sitemap(urls: urls).render(listed, pages: pages).map { SiteFile(path: $0.path, text: $0.text) }
    }

    /// The theme's assets under their hashed names.
    public func assets() -> [SiteFile] {
        theme.assets.map { SiteFile(path: $0.path, data: $0.data) }
    }

    // MARK: - What every page is made with

    var photoStyle: PhotoStyle {
        PhotoStyle(sizes: imageRecipes.sizes, templates: theme.templates, words: words)
    }

    private var frame: PageFrame { PageFrame(config: config, urls: urls, assets: theme.assets, words: words) }
}

/// What rendering gave: the files, sorted by path, and the text left out of them.
public struct SiteRender: Sendable {
    public var files: [SiteFile]
    public var problems: [RenderProblem]
}

/// A story or post text left out of a page, naming the trip, the file and why. The page is still
/// written without it; the build reports it as a failure.
public struct RenderProblem: Sendable, Equatable, CustomStringConvertible {
    public var slug: String
    /// `story.md`, or `trip.json` for a post's text.
    public var file: String
    /// `post <id>` for a post's text; nil for the story.
    public var post: String?
    public var reason: String

    public var description: String {
        "trip \(slug), \(file)\(post.map { " (\($0))" } ?? ""): \(reason)"
    }
}

/// One trip page and, when the trip is public, what its listings use.
struct TripRender: Sendable {
    var files: [SiteFile]
    var listed: ListingEntry?
    var problems: [RenderProblem]
}

/// One trip's page, rendered alone: its files, its listing entry when it is public, and the text
/// left out of it.
public struct TripPageRender: Sendable {
    public var files: [SiteFile]
    public var listing: ListingEntry?
    public var problems: [RenderProblem]
}
