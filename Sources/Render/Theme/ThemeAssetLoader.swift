import ContentStore
import Foundation

/// Reads a theme's `assets/` folder into hashed ``ThemeAsset``s. Stylesheets are read last: a
/// `url(fonts/a.woff2)` pointing at another asset is rewritten to that asset's hashed name before
/// the stylesheet's own hash is taken, so a changed font gives a changed stylesheet URL too.
enum ThemeAssetLoader {
    static func load(from theme: ConfinedFolder) throws(ThemeError) -> [ThemeAsset] {
        let sources = try ThemeFiles.list(theme, in: "assets")
        var published: [String: String] = [:]  // source → hashed file name
        var assets: [ThemeAsset] = []
        let (stylesheets, others) = (sources.filter { $0.hasSuffix(".css") }, sources.filter { !$0.hasSuffix(".css") })
        for source in others + stylesheets {
            var data = try ThemeFiles.read(theme, "assets/" + source, maxBytes: ThemeFiles.maximumAssetBytes)
            if source.hasSuffix(".css") {
                data = Data(rewritingURLs(in: String(decoding: data, as: UTF8.self), of: source, published: published).utf8)
            }
            let asset = ThemeAsset(source: source, path: ThemeAsset.hashedPath(for: source, data: data), data: data)
            published[source] = String(asset.path.split(separator: "/").last!)
            assets.append(asset)
        }
        return assets.sorted { $0.source < $1.source }
    }

    private static let urlPattern = try! NSRegularExpression(pattern: #"url\(\s*(['"]?)([^'")\s]+)\1\s*\)"#)

    /// `css` with each `url(...)` that names a published asset pointed at its hashed file name.
    static func rewritingURLs(in css: String, of source: String, published: [String: String]) -> String {
        let folder = source.split(separator: "/").dropLast().map(String.init)
        var out = ""
        var last = css.startIndex
        for match in urlPattern.matches(in: css, range: NSRange(css.startIndex..., in: css)) {
            guard let range = Range(match.range(at: 2), in: css) else { continue }
            let reference = String(css[range])
            let cut = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
            let path = String(reference[..<cut])
            guard !path.contains(":"), !path.hasPrefix("/"), let target = resolve(path, from: folder),
                let hashedName = published[target]
            else { continue }
            let kept = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().map { $0 + "/" }.joined()
            out += css[last..<range.lowerBound] + kept + hashedName + reference[cut...]
            last = range.upperBound
        }
        return out + css[last...]
    }

    /// `path` (relative to `folder`) as a path under `assets/`, or nil when it climbs out.
    private static func resolve(_ path: String, from folder: [String]) -> String? {
        var parts = folder
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if parts.popLast() == nil { return nil }
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}

/// Listing and reading a theme's files, never through a link inside the theme (the theme folder
/// itself may be one): a theme is a checkout like any other, and a link in it must not publish
/// `~/.aws/credentials` as a stylesheet.
enum ThemeFiles {
    /// The largest asset (a font, an image) and template a theme may have.
    static let maximumAssetBytes = 32 << 20
    static let maximumTemplateBytes = 1 << 20

    /// Files under `folder` of the theme, as sorted `/`-separated paths relative to `folder`,
    /// hidden files left out; none when the folder does not exist. A link is an error naming it.
    static func list(_ theme: ConfinedFolder, in folder: String, withExtension ext: String? = nil) throws(ThemeError) -> [String] {
        guard theme.kind(of: folder) != .missing else { return [] }
        let walked: (files: [String], refused: [String])
        do { walked = try theme.walk(folder) } catch {
            throw .unreadable(file: error.path, reason: error.reason)
        }
        if let link = walked.refused.first {
            throw .unreadable(
                file: theme.root.appendingPathComponent(link).path,
                reason: "is a symbolic link or special file (links inside a theme are never followed)")
        }
        return walked.files.map { String($0.dropFirst(folder.count + 1)) }
            .filter { ext == nil || $0.hasSuffix("." + ext!) }
    }

    static func read(_ theme: ConfinedFolder, _ path: String, maxBytes: Int) throws(ThemeError) -> Data {
        do { return try theme.read(path, maxBytes: maxBytes) } catch {
            throw .unreadable(file: error.path, reason: error.reason)
        }
    }
}
