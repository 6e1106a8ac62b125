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

    /// The root files that list other pages: the home page, feed, sitemap, 404 page, robots.txt.
    public static let listingFiles: Set<String> = ["index.html", "feed.xml", "sitemap.xml", "404.html", "robots.txt"]
    /// The folders of the pages that list trips: the home page's later pages, the tag pages and
    /// the parts of a sitemap too large for one file.
    public static let listingFolders = ["page/", "tags/", "sitemaps/"]
}
