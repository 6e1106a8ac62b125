import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An Atom feed or sitemap read back with Foundation's XML parser: parsing fails on any
/// well-formedness error, so a successful parse is the proof the file is valid XML.
struct FeedDocument {
    struct Entry {
        var title = ""
        var id = ""
        var link = ""
        var updated = ""
        var author = ""
        var summary = ""
        var content = ""
        var categories: [String] = []
    }

    var rootName = ""
    var namespace = ""
    var title = ""
    var updated = ""
    var selfLink = ""
    var entries: [Entry] = []
    /// `<loc>` and `<lastmod>` of a sitemap (of its parts, for a sitemap index).
    var locations: [String] = []
    var lastModified: [String] = []

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    static func parse(_ text: String) throws -> FeedDocument {
        let parser = XMLParser(data: Data(text.utf8))
        let delegate = Delegate()
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        guard parser.parse() else {
            throw ParseError(
                description: "not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "?") "
                    + "at line \(parser.lineNumber), column \(parser.columnNumber)")
        }
        return delegate.document
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        var document = FeedDocument()
        var path: [String] = []
        var text = ""
        var entry: Entry?

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if path.isEmpty {
                document.rootName = name
                document.namespace = attributes["xmlns"] ?? ""
            }
            path.append(name)
            text = ""
            switch name {
            case "entry": entry = Entry()
            case "link" where entry != nil: entry?.link = attributes["href"] ?? ""
            case "link" where attributes["rel"] == "self": document.selfLink = attributes["href"] ?? ""
            case "category": entry?.categories.append(attributes["term"] ?? "")
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            let parent = path.dropLast().last
            switch (name, parent) {
            case ("title", "entry"): entry?.title = text
            case ("id", "entry"): entry?.id = text
            case ("updated", "entry"): entry?.updated = text
            case ("summary", "entry"): entry?.summary = text
            case ("content", "entry"): entry?.content = text
            case ("name", "author") where entry != nil: entry?.author = text
            case ("title", "feed"): document.title = text
            case ("updated", "feed"): document.updated = text
            case ("loc", "url"), ("loc", "sitemap"): document.locations.append(text)
            case ("lastmod", "url"), ("lastmod", "sitemap"): document.lastModified.append(text)
            case ("entry", _):
                if let entry { document.entries.append(entry) }
                entry = nil
            default: break
            }
            path.removeLast()
            text = ""
        }
    }
}
