import TabiCore

/// One photo as the `photo` partial draws it: a `<picture>` with a `<source>` per preferred
/// format and an `<img>` whose `src` is the 800×600 medium.
struct PhotoView {
    let sources: [PictureSource]
    let src: String
    /// The medium and the responsive widths in its format; nil when the medium is the only one.
    let srcset: String?
    let sizes: String
    let width: Int
    let height: Int
    /// The caption, else a sentence naming the trip; a story may give its own.
    var alt: String
    /// Shown under the photo when the traveller wrote one.
    let caption: String?
    /// `lazy`, or `eager` for the cover at the top of a page.
    let loading: String
    /// `high` for the cover, which is the page's largest picture (`fetchpriority`); nil for the others.
    let fetchPriority: String?

    /// nil when the photo has no renditions (its original was missing or broken).
    init?(
        photo: Photo, renditions: PhotoRenditions?, fallbackAlt: String, sizes: String, root: String,
        eager: Bool = false
    ) {
        guard let renditions else { return nil }
        let medium = renditions.medium
        var formats: [ImageFormat] = []
        for rendition in renditions.responsive where !formats.contains(rendition.format) {
            formats.append(rendition.format)
        }
        func srcset(_ candidates: [ImageRendition]) -> String {
            var seen: Set<Int> = []
            return candidates.sorted { ($0.width, $0.path) < ($1.width, $1.path) }
                .filter { seen.insert($0.width).inserted }
                .map { "\(SiteURLs.relative($0.path, root: root)) \($0.width)w" }
                .joined(separator: ", ")
        }
        sources = formats.filter { $0 != medium.format }.map { format in
            PictureSource(
                type: format.mimeType, srcset: srcset(renditions.responsive.filter { $0.format == format }),
                sizes: sizes)
        }
        let fallback = renditions.responsive.filter { $0.format == medium.format } + [medium]
        self.srcset = fallback.count > 1 ? srcset(fallback) : nil
        src = SiteURLs.relative(medium.path, root: root)
        self.sizes = sizes
        width = medium.width
        height = medium.height
        caption = PlainText.clean(photo.caption)
        alt = caption ?? fallbackAlt
        loading = eager ? "eager" : "lazy"
        fetchPriority = eager ? "high" : nil
    }
}

/// A `<source>` of a `<picture>`.
struct PictureSource {
    let type: String
    let srcset: String
    let sizes: String
}

/// A small fixed-size image (the home page's cover thumbnails).
struct ThumbnailView {
    let src: String
    let width: Int
    let height: Int

    init?(_ renditions: PhotoRenditions?, root: String) {
        guard let thumbnail = renditions?.thumbnail else { return nil }
        src = SiteURLs.relative(thumbnail.path, root: root)
        width = thumbnail.width
        height = thumbnail.height
    }
}
