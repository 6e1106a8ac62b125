import TabiCore

// MARK: - What every template gets

/// The site, as every template sees it (`{{site.title}}`).
struct SiteView {
    let title: String
    let description: String
    /// For `<html lang>`.
    let language: String
    /// The home page, relative to the current page.
    let home: String
    /// The Atom feed, relative to the current page.
    let feed: String
    /// The theme's words in the site's language (`{{site.words.all_trips}}`).
    let words: WordsView
}

/// Facts about the page being rendered (`{{page.canonical}}`), mostly for `<head>`.
struct PageMeta {
    /// The `<title>`.
    let title: String
    /// The page's own name without the site's (`og:title`).
    let headline: String
    /// The meta description and `og:description`.
    let description: String
    /// Absolute.
    let canonical: String
    /// `<meta name="robots" content="noindex">` (unlisted trips, the 404 page).
    let noindex: Bool
    /// `website` or `article`.
    let ogType: String
    let image: SocialImage?
    /// JSON-LD for `<script type="application/ld+json">` (``BlogPosting``), already escaped for it.
    var structuredData: String? = nil
}

/// The picture shown when the page is shared (`og:image`), absolute.
struct SocialImage {
    let url: String
    let width: Int
    let height: Int
    let alt: String
}

/// Shared pieces of every page's context.
struct PageFrame {
    let config: SiteConfig
    let urls: SiteURLs
    let assets: [ThemeAsset]
    let words: SiteWords

    /// The site view from a page whose root prefix is `root`.
    func site(root: String) -> SiteView {
        SiteView(
            title: config.title, description: config.description, language: config.language,
            home: SiteURLs.relative(SiteURLs.home, root: root), feed: SiteURLs.relative(SiteURLs.feed, root: root),
            words: WordsView(words: words))
    }

    /// `{{assets.style_css}}` → the hashed file, relative to the page.
    func assetURLs(root: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: assets.map { ($0.lookupKey, SiteURLs.relative($0.path, root: root)) })
    }

    /// The share image for a photo: its medium rendition, absolute.
    func socialImage(_ renditions: PhotoRenditions?, alt: String) -> SocialImage? {
        guard let medium = renditions?.medium else { return nil }
        return SocialImage(url: urls.absolute(medium.path), width: medium.width, height: medium.height, alt: alt)
    }

    /// A meta description: the text cut to 160 characters, or the site's description.
    func description(_ text: String?) -> String {
        PlainText.truncated(PlainText.clean(text) ?? PlainText.clean(config.description) ?? config.title, to: 160)
    }
}
