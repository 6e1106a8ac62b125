/// Turns the exact paths of a publish into one invalidation batch within CloudFront's limits,
/// as small as it can be while still covering every path.
///
/// - A folder below the site's root holding at least ``wildcardThreshold`` changed paths,
///   counted deepest folders first, becomes `/folder/*`: one path instead of many. The root
///   itself is not collapsed for that (it would drop every image from the caches too).
/// - At most ``maxWildcards`` wildcard paths (CloudFront allows 15 in progress at once) and
///   ``maxPaths`` paths in all (3,000 per batch): past either, the folder covering the most
///   items is collapsed, up to the root's `/*` as the last resort.
public struct InvalidationBatcher: Sendable {
    public var wildcardThreshold: Int
    public var maxPaths: Int
    public var maxWildcards: Int

    public init(wildcardThreshold: Int = 5, maxPaths: Int = 3000, maxWildcards: Int = 15) {
        self.wildcardThreshold = max(wildcardThreshold, 2)
        self.maxPaths = max(maxPaths, 1)
        self.maxWildcards = max(maxWildcards, 1)
    }

    /// The batch for `paths` (each starting with `/`), sorted; empty for none. `root` is the
    /// site's folder on the distribution (`/`, or `/blog/` for a site under a prefix).
    public func batch(_ paths: some Sequence<String>, root: String = "/") -> [String] {
        var items = Set(paths)
        guard !items.isEmpty else { return [] }
        let everything = root + "*"
        if items.contains("/*") || items.contains(everything) { return [items.contains("/*") ? "/*" : everything] }
        let belowRoot = { (folder: String) in folder.count > root.count && folder.hasPrefix(root) }

        // Deepest folders first, so a wildcard stays as narrow as the threshold allows.
        let folders = Set(items.flatMap(Self.ancestors)).filter(belowRoot).sorted { ($0.depth, $0) > ($1.depth, $1) }
        for folder in folders where Self.covered(by: folder, in: items).count >= wildcardThreshold {
            collapse(folder, &items)
        }

        while items.count > maxPaths || items.filter(Self.isWildcard).count > maxWildcards {
            let overWildcards = items.filter(Self.isWildcard).count > maxWildcards
            let candidates = Set(items.flatMap(Self.ancestors)).filter(belowRoot)
            let best = candidates.map { folder -> (String, Int) in
                let under = Self.covered(by: folder, in: items)
                return (folder, overWildcards ? under.filter(Self.isWildcard).count : under.count)
            }
            .filter { $0.1 >= 2 }
            // Most items; among equals the narrowest folder, then the first by name.
            .max { ($0.1, $0.0.depth, $1.0) < ($1.1, $1.0.depth, $0.0) }
            guard let (folder, _) = best else { return [items.allSatisfy { $0.hasPrefix(root) } ? everything : "/*"] }
            collapse(folder, &items)
        }
        return items.sorted()
    }

    // MARK: - Folders

    private func collapse(_ folder: String, _ items: inout Set<String>) {
        items.subtract(Self.covered(by: folder, in: items))
        items.insert(folder + "*")
    }

    /// The items `folder*` would replace.
    static func covered(by folder: String, in items: Set<String>) -> [String] {
        items.filter { $0.hasPrefix(folder) }
    }

    /// The folders an item is in, below the root, from `/a/` down: `/a/b/c.html` and the folder
    /// path `/a/b/` have `/a/` and `/a/b/`; the wildcard `/a/b/*` has `/a/` only (its own folder
    /// is collapsed already).
    static func ancestors(of item: String) -> [String] {
        var folders: [String] = []
        var index = item.index(after: item.startIndex)
        let end = isWildcard(item) ? item.index(item.endIndex, offsetBy: -2) : item.endIndex
        while index < end, let slash = item[index..<end].firstIndex(of: "/") {
            folders.append(String(item[...slash]))
            index = item.index(after: slash)
        }
        return folders
    }

    static func isWildcard(_ item: String) -> Bool { item.hasSuffix("*") }
}

extension String {
    /// The number of `/` in a folder path: `/a/` is 2, `/a/b/` 3.
    fileprivate var depth: Int { utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) } }
}
