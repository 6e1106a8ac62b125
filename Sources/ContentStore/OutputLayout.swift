/// The `Output/` folder build writes and publish mirrors: the contract between the two, named in
/// one place. Paths are site-relative (`index.html`, `_tabi/pages.jsonl`).
public enum OutputLayout {
    // MARK: The pipeline's own files, never served as pages

    /// The folder the pipeline keeps its own files in (`robots.txt` disallows it; publish never
    /// uploads it from `Output/` and never deletes in it what it did not write).
    public static let reservedFolder = "_tabi/"
    /// Build's record of the pages it rendered, with this machine's modification times.
    public static let pageRecords = reservedFolder + "pages.jsonl"
    /// The name ``pageRecords`` had before it became JSON Lines, left in an older `Output/`.
    public static let legacyPageRecords = reservedFolder + "pages.json"
    /// The photos' derivatives build has made.
    public static let derivativeManifest = reservedFolder + "derivatives.json"
    /// Publish's own files beside the site: the header rules record and the served state store.
    public static let publishState = reservedFolder + "publish/"

    // MARK: The pages that list trips

    public static let homePage = "index.html"
    public static let feed = "feed.xml"
    public static let sitemap = "sitemap.xml"
    public static let notFoundPage = "404.html"
    public static let robots = "robots.txt"
    /// The home page's later pages: `page/2/`, `page/3/`, …
    public static let laterPagesFolder = "page/"
    /// `tags/` (every tag) and `tags/<tag>/` (one tag's trips, paginated the same way).
    public static let tagsFolder = "tags/"
    /// The parts of a sitemap too large for one file.
    public static let sitemapPartsFolder = "sitemaps/"

    /// The root files that list other pages.
    public static let listingFiles: Set<String> = [homePage, feed, sitemap, notFoundPage, robots]
    /// The folders of the pages that list trips.
    public static let listingFolders = [laterPagesFolder, tagsFolder, sitemapPartsFolder]
}
