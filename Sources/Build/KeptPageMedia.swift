import ContentStore
import Foundation
import Images

/// The derivatives a page kept from an earlier build still shows. A broken trip keeps its previous
/// page, so the images that page references must stay too; every other derivative the build did
/// not make this time (a withdrawn trip's, a removed photo's) is swept, even when something else
/// failed. Found by reading the kept page, the only record of what it shows.
enum KeptPageMedia {
    /// `media/<2 hex>/<16 hex>-<tag>-<6 hex>.<ext>`, however the page reaches it (`../../media/…`).
    private static let pattern = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9_-])media/[0-9a-f]{2}/[0-9a-f]{16}-[A-Za-z0-9]+-[0-9a-f]{6}\.[a-z0-9]{2,5}"#)

    /// The site-relative derivative paths referenced by the page at `page` under `output`; none
    /// when it is missing or unreadable (then nothing is kept for it).
    static func referenced(by page: String, in output: URL) -> Set<String> {
        guard let data = try? ConfinedFolder(output).read(page, maxBytes: 64 << 20) else { return [] }
        let html = String(decoding: data, as: UTF8.self)
        var paths: Set<String> = []
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            if let range = Range(match.range, in: html) { paths.insert(String(html[range])) }
        }
        return paths
    }
}
