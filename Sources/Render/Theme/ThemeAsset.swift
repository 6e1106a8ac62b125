import Foundation
import TabiCore

/// A static file of the theme (`assets/style.css`), published under a name carrying its content
/// hash (`assets/style.3f2a9c1b.css`) so it can be cached forever and a change is a new URL.
public struct ThemeAsset: Sendable, Equatable {
    /// The path under the theme's `assets/` folder (`style.css`, `fonts/inter.woff2`).
    public var source: String
    /// Where it is published, site-relative (`assets/style.3f2a9c1b.css`).
    public var path: String
    /// The published bytes (CSS has its `url()`s to other assets rewritten to their hashed names).
    public var data: Data

    /// The name templates use: the source path with every other character than a letter or digit
    /// turned into `_` (`style.css` → `style_css`, `fonts/inter.woff2` → `fonts_inter_woff2`).
    public var lookupKey: String { Self.lookupKey(for: source) }

    static func lookupKey(for source: String) -> String {
        String(
            source.unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) ? Character(scalar) : "_"
            })
    }

    /// `dir/name.<first 8 hex of SHA-256>.ext`, under `assets/`.
    static func hashedPath(for source: String, data: Data) -> String {
        let hash = String(ContentHash.sha256(data).prefix(8))
        let slash = source.lastIndex(of: "/")
        let fileStart = slash.map { source.index(after: $0) } ?? source.startIndex
        let folder = String(source[..<fileStart])
        let file = source[fileStart...]
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else {
            return "assets/\(folder)\(file).\(hash)"
        }
        return "assets/\(folder)\(file[..<dot]).\(hash)\(file[dot...])"
    }
}
