import Foundation

/// Reads a theme's `assets/` folder into hashed ``ThemeAsset``s. Stylesheets are read last: a
/// `url(fonts/a.woff2)` pointing at another asset is rewritten to that asset's hashed name before
/// the stylesheet's own hash is taken, so a changed font gives a changed stylesheet URL too.
enum ThemeAssetLoader {
    static func load(from folder: URL) throws(ThemeError) -> [ThemeAsset] {
        let sources = ThemeFiles.list(in: folder)
        var published: [String: String] = [:]  // source → hashed file name
        var assets: [ThemeAsset] = []
        let (stylesheets, others) = (sources.filter { $0.hasSuffix(".css") }, sources.filter { !$0.hasSuffix(".css") })
        for source in others + stylesheets {
            var data = try ThemeFiles.read(folder.appendingPathComponent(source))
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
                  let hashedName = published[target] else { continue }
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

/// Listing and reading a theme's files.
enum ThemeFiles {
    /// Files under `folder`, as sorted `/`-separated relative paths, hidden files left out.
    static func list(in folder: URL, withExtension ext: String? = nil) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let base = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var out: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let parts = url.standardizedFileURL.resolvingSymlinksInPath().pathComponents
            let relative = parts.dropFirst(base.count).joined(separator: "/")
            if let ext, !relative.hasSuffix("." + ext) { continue }
            out.append(relative)
        }
        return out.sorted()
    }

    static func read(_ file: URL) throws(ThemeError) -> Data {
        do { return try Data(contentsOf: file) } catch {
            throw .unreadable(file: file.path, reason: error.localizedDescription)
        }
    }
}
