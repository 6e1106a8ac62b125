import Markdown
import TabiCore

/// Turns trips and their photo renditions into the files of the static site, through a theme.
///
/// Output is deterministic: the same trips, renditions, config and theme give byte-identical
/// files, in the same order (sorted by path), with no trace of when or where they were built.
public struct SiteRenderer: Sendable {
    public let config: SiteConfig
    public let theme: Theme
    private let markdown = MarkdownRenderer()
    private let urls: SiteURLs

    public init(config: SiteConfig, theme: Theme) {
        self.config = config
        self.theme = theme
        urls = SiteURLs(baseURL: config.baseURL)
    }

    /// The recipes photos are made with for this site: `tabi.yml`'s `images:` when the site sets
    /// it (the site owner decides), else the theme's (its layout knows its widths), else the defaults.
    public var imageRecipes: ImageRecipes {
        config.specifiedKeys.contains("images") ? config.images : (theme.imageRecipes ?? config.images)
    }

    // MARK: - The whole site

    /// Every file of the site: trip pages, home page, feed, sitemap, robots.txt, 404.html and the
    /// theme's hashed assets. `renditions` maps a photo id to its derivatives; a photo without an
    /// entry is left out of the pages.
    public func render(trips: [TripContent], renditions: [String: PhotoRenditions]) throws(RenderError) -> [SiteFile] {
        try checkSlugs(trips)
        var files = assets()
        for trip in trips {
            files += try renderTrip(trip, renditions: renditions)
        }
        files += try renderListings(trips, renditions: renditions)
        return files.sorted { $0.path < $1.path }
    }

    /// The same files as ``render(trips:renditions:)``, with trip pages rendered `concurrency`
    /// at a time (a sliding window over a task group). Same bytes, same order.
    public func render(trips: [TripContent], renditions: [String: PhotoRenditions],
                       concurrency: Int) async throws(RenderError) -> [SiteFile] {
        try checkSlugs(trips)
        var pages = [Result<[SiteFile], RenderError>?](repeating: nil, count: trips.count)
        await slidingWindow(trips.count, concurrency: concurrency) { index in
            Result { () throws(RenderError) in try renderTrip(trips[index], renditions: renditions) }
        } collect: { index, result in
            pages[index] = result
        }
        var files = assets()
        for page in pages {
            switch page {
            case .success(let trip): files += trip
            case .failure(let error): throw error
            case nil: continue
            }
        }
        files += try renderListings(trips, renditions: renditions)
        return files.sorted { $0.path < $1.path }
    }

    // MARK: - Parts, so one trip can be rebuilt alone

    /// The page of one trip, `trips/<slug>/index.html` (public and unlisted trips alike).
    public func renderTrip(_ content: TripContent, renditions: [String: PhotoRenditions]) throws(RenderError) -> [SiteFile] {
        guard Slug.isValid(content.trip.slug) else {
            throw .invalidSlug(tripID: content.trip.id, slug: content.trip.slug)
        }
        let facts = TripFacts(content: content, renditions: renditions, markdown: markdown)
        let page = TripPage(facts: facts, renditions: renditions, sizes: imageRecipes.sizes, markdown: markdown,
                            frame: frame)
        return [SiteFile(path: SiteURLs.tripFile(facts.slug), text: theme.templates.render("trip", page))]
    }

    /// The files that list trips: `index.html`, `feed.xml`, `sitemap.xml`, plus `robots.txt` and
    /// `404.html`. Only public trips appear in them.
    public func renderListings(_ trips: [TripContent], renditions: [String: PhotoRenditions]) throws(RenderError) -> [SiteFile] {
        try checkSlugs(trips)
        let listed = trips.filter { $0.trip.visibility == .public }
            .map { TripFacts(content: $0, renditions: renditions, markdown: markdown) }
            .sorted(by: TripFacts.newestFirst)
        let sitemap = Sitemap(urls: urls)
        return [
            SiteFile(path: SiteURLs.notFound, text: theme.templates.render("404", NotFoundPage(frame: frame))),
            SiteFile(path: SiteURLs.feed, text: AtomFeed(config: config, urls: urls).render(listed, renditions: renditions)),
            SiteFile(path: "index.html",
                     text: theme.templates.render("home", HomePage(trips: listed, renditions: renditions, frame: frame))),
            SiteFile(path: "robots.txt", text: sitemap.robots()),
            SiteFile(path: SiteURLs.sitemap, text: sitemap.render(listed)),
        ]
    }

    /// The theme's assets under their hashed names.
    public func assets() -> [SiteFile] {
        theme.assets.map { SiteFile(path: $0.path, data: $0.data) }
    }

    // MARK: - Checks

    private var frame: PageFrame { PageFrame(config: config, urls: urls, assets: theme.assets) }

    private func checkSlugs(_ trips: [TripContent]) throws(RenderError) {
        var owners: [String: [String]] = [:]
        for content in trips {
            guard Slug.isValid(content.trip.slug) else {
                throw .invalidSlug(tripID: content.trip.id, slug: content.trip.slug)
            }
            owners[content.trip.slug, default: []].append(content.trip.id)
        }
        if let (slug, ids) = owners.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw .duplicateSlug(slug: slug, tripIDs: ids.sorted())
        }
    }
}
