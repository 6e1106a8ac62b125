import Foundation
import Markdown
import SafeText
import TabiCore

/// The trip's own photos as its story and posts show them: `![alt](photo:<id>)` names one, drawn
/// with its renditions' widths and heights. Their addresses start with ``root``, a mark no text
/// can carry (the Markdown renderer takes every control character out of its input), so one rendering of the story serves
/// the trip page, a site whose home page is the trip, and the feed's absolute addresses. Alone in its paragraph it is a figure, through the
/// theme's `photo` partial when the theme has one (so it looks like the post photos); in running
/// text it is a bare `<picture>`. Only photos of this trip with renditions are known: an id from
/// another trip, a photo without renditions or any other address is not drawn (``ImageMarkup``
/// makes it a link).
struct StoryPhotos: Sendable {
    /// How a story names a photo of its trip.
    static let scheme = "photo:"

    private let photos: [String: (photo: Photo, renditions: PhotoRenditions)]
    private let style: PhotoStyle
    private let fallbackAlt: String

    /// Where the photos' addresses start until ``placed(_:root:)`` says where the page is.
    static let root = "\u{1}root\u{1}"

    init(trip: Trip, renditions: [String: PhotoRenditions], style: PhotoStyle, title: String) {
        var photos: [String: (photo: Photo, renditions: PhotoRenditions)] = [:]
        for photo in trip.posts.flatMap(\.photos) {
            if let made = renditions[photo.id] { photos[photo.id.lowercased()] = (photo, made) }
        }
        self.photos = photos
        self.style = style
        fallbackAlt = style.words("photo_alt", ["title": title])
    }

    /// The drawer the Markdown renderer calls for each image.
    var drawer: MarkdownImageDrawer { { draw($0) } }

    func draw(_ image: MarkdownImage) -> String? {
        guard let id = Self.photoID(image.address), let (photo, renditions) = photos[id],
            var view = PhotoView(
                photo: photo, renditions: renditions, fallbackAlt: fallbackAlt, sizes: style.sizes,
                root: Self.root)
        else { return nil }
        if !image.alt.isEmpty { view.alt = image.alt }
        guard image.standalone else { return Self.picture(view) }
        return style.templates.renderIfPresent("photo", view) ?? Self.figure(view)
    }

    /// `html` with the photos' addresses starting at `root` (a page's `../../`, or the site's
    /// absolute address for the feed).
    static func placed(_ html: String, root: String) -> String {
        html.utf8.contains(1) ? html.replacingLiteral(Self.root, with: root) : html
    }

    /// The photo id in `photo:<id>` (scheme in any case), lower-cased.
    static func photoID(_ address: String) -> String? {
        guard address.utf8.count > scheme.utf8.count,
            address.prefix(scheme.count).lowercased() == scheme
        else { return nil }
        return address.dropFirst(scheme.count).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The same markup as the default theme's `photo` partial.
    static func figure(_ view: PhotoView) -> String {
        var html = "<figure class=\"photo\">\n" + picture(view) + "\n"
        if let caption = view.caption { html += "<figcaption dir=\"auto\">\(HTMLText.escape(caption))</figcaption>\n" }
        return html + "</figure>\n"
    }

    /// A `<picture>`: phrasing content, so it may sit in a paragraph.
    static func picture(_ view: PhotoView) -> String {
        var html = "<picture>"
        for source in view.sources {
            html +=
                "<source type=\"\(HTMLText.escape(source.type))\" srcset=\"\(HTMLText.escape(source.srcset))\" "
                + "sizes=\"\(HTMLText.escape(source.sizes))\">"
        }
        html += "<img src=\"\(HTMLText.escape(view.src))\""
        if let srcset = view.srcset { html += " srcset=\"\(HTMLText.escape(srcset))\" sizes=\"\(HTMLText.escape(view.sizes))\"" }
        html += " width=\"\(view.width)\" height=\"\(view.height)\" alt=\"\(HTMLText.escape(view.alt))\""
        return html + " loading=\"\(view.loading)\" decoding=\"async\"></picture>"
    }
}

/// What drawing a photo needs from the site and theme, whatever the page.
struct PhotoStyle: Sendable {
    /// The `sizes` attribute of every responsive photo.
    let sizes: String
    let templates: ThemeTemplates
    let words: SiteWords
}
