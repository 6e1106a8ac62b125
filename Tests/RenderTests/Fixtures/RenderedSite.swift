import Foundation
import TabiCore
import TestSupport

@testable import Render

/// A rendered site, with ways to look at its files by path.
struct RenderedSite {
    let files: [SiteFile]

    /// The fixtures through the default theme.
    static func fixtures(
        trips: [TripContent] = TripFixtures.all,
        renditions: [String: PhotoRenditions] = TripFixtures.renditions,
        config: SiteConfig = TripFixtures.config
    ) throws -> RenderedSite {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        return RenderedSite(files: try SiteRenderer(config: config, theme: theme).render(trips: trips, renditions: renditions).files)
    }

    var paths: [String] { files.map(\.path) }

    func text(_ path: String) -> String {
        guard let file = files.first(where: { $0.path == path }) else { return "" }
        return String(decoding: file.data, as: UTF8.self)
    }

    func page(_ slug: String) -> String { text("trips/\(slug)/index.html") }

    /// Every HTML page of the site, with its path.
    var htmlPages: [(path: String, text: String)] {
        files.filter { $0.path.hasSuffix(".html") }.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }
    }

    /// Every text file (pages, feed, sitemap, robots, CSS, SVG).
    var textFiles: [(path: String, text: String)] {
        files.filter { !$0.path.hasPrefix("media/") }.map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }
    }
}

/// Regular-expression helpers for assertions on markup.
enum Markup {
    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { index in
                Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
            }
        }
    }

    /// Every tag of `name` (`<img …>`), whole.
    static func tags(_ name: String, in html: String) -> [String] {
        matches("<\(name)\\b[^>]*>", in: html).map { $0[0] }
    }

    /// Every start tag as its name and its attributes (name, value), read the way a browser
    /// tokenizes them; nil attributes when a tag's attribute list does not tokenize cleanly.
    static func startTags(in html: String) -> [(name: String, attributes: [(String, String)]?)] {
        matches("<([a-z][a-z0-9]*)((?:\\s[^>]*)?)>", in: html).map { match in
            let tokens = matches("\\s([a-z:-]+)(?:=\"([^\"]*)\")?", in: match[2])
            let clean = tokens.map { $0[0] }.joined() == match[2]
            return (match[1].lowercased(), clean ? tokens.map { ($0[1].lowercased(), $0[2]) } : nil)
        }
    }

    /// The value of `attribute` in one tag.
    static func attribute(_ attribute: String, of tag: String) -> String? {
        matches("\\s\(attribute)=\"([^\"]*)\"", in: tag).first?[1]
    }

    /// Index of the first occurrence of `needle`, for ordering checks.
    static func offset(of needle: String, in text: String) -> Int? {
        text.range(of: needle).map { text.distance(from: text.startIndex, to: $0.lowerBound) }
    }
}
