import AWS

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

    public init(
        wildcardThreshold: Int = 5, maxPaths: Int = CloudFrontClient.maxPathsPerInvalidation,
        maxWildcards: Int = CloudFrontClient.maxWildcardsInProgress
    ) {
        self.wildcardThreshold = max(wildcardThreshold, 2)
        self.maxPaths = max(maxPaths, 1)
        self.maxWildcards = max(maxWildcards, 1)
    }

    /// The batch for `paths` (each starting with `/`), sorted; empty for none. `root` is the
    /// site's folder on the distribution (`/`, or `/blog/` for a site under a prefix).
    public func batch(_ paths: some Sequence<String>, root: String = "/") -> [String] {
        let tree = FolderTree(root: root)
        var any = false
        for path in paths {
            any = true
            if path == "/*" || path == root + "*" { return [path] }
            tree.insert(path)
        }
        guard any else { return [] }

        tree.collapse(where: { $0.count >= wildcardThreshold })
        while true {
            let totals = tree.totals()
            let overWildcards = totals.wildcards > maxWildcards
            guard totals.items > maxPaths || overWildcards else { break }
            // Most items; among equals the narrowest folder, then the first by name.
            let best = tree.collapsible.map { ($0, overWildcards ? $0.wildcards : $0.count) }
                .filter { $0.1 >= 2 }
                .max { ($0.1, $0.0.depth, $1.0.path) < ($1.1, $1.0.depth, $0.0.path) }
            guard let (folder, _) = best else { return [tree.isWithinRoot ? root + "*" : "/*"] }
            folder.collapse()
        }
        return tree.items().sorted()
    }
}

/// The paths of a batch by folder, each folder knowing how many batch items it holds.
private final class FolderTree {
    final class Folder {
        let path: String
        let depth: Int
        var items: Set<String> = []
        var children: [String: Folder] = [:]
        var isWildcard = false
        /// Batch items under it (a wildcard is one), and wildcards among them: set by ``FolderTree/totals()``.
        var count = 0
        var wildcards = 0

        init(path: String, depth: Int) {
            self.path = path
            self.depth = depth
        }

        func collapse() {
            isWildcard = true
            items = []
            children = [:]
        }
    }

    let top = Folder(path: "/", depth: 1)
    let root: String
    /// Whether every path is under the site's root.
    private(set) var isWithinRoot = true

    init(root: String) {
        self.root = root
    }

    /// Files and folder paths go in their folder; `/a/*` marks `/a/` a wildcard.
    func insert(_ path: String) {
        if !path.hasPrefix(root) { isWithinRoot = false }
        if path.hasSuffix("/*") {
            folder(String(path.dropLast())).collapse()
        } else if let slash = path.lastIndex(of: "/") {
            folder(String(path[...slash])).items.insert(path)
        }
    }

    private func folder(_ path: String) -> Folder {
        var node = top
        var prefix = "/"
        for name in path.split(separator: "/") {
            if node.isWildcard { return node }
            prefix += name + "/"
            if let child = node.children[String(name)] {
                node = child
            } else {
                let child = Folder(path: prefix, depth: node.depth + 1)
                node.children[String(name)] = child
                node = child
            }
        }
        return node
    }

    /// Whether a folder may become a wildcard: strictly below the site's root.
    private func isBelowRoot(_ folder: Folder) -> Bool {
        folder.path.count > root.count && folder.path.hasPrefix(root)
    }

    /// Collapses, deepest first, every folder below the root that `rule` picks.
    func collapse(where rule: (Folder) -> Bool) {
        func visit(_ folder: Folder) {
            for child in folder.children.values { visit(child) }
            count(folder)
            if !folder.isWildcard, isBelowRoot(folder), rule(folder) {
                folder.collapse()
                count(folder)
            }
        }
        visit(top)
    }

    private func count(_ folder: Folder) {
        if folder.isWildcard {
            (folder.count, folder.wildcards) = (1, 1)
        } else {
            folder.count = folder.items.count + folder.children.values.reduce(0) { $0 + $1.count }
            folder.wildcards = folder.children.values.reduce(0) { $0 + $1.wildcards }
        }
    }

    /// Recounts every folder; the whole batch's items and wildcards.
    func totals() -> (items: Int, wildcards: Int) {
        func visit(_ folder: Folder) {
            for child in folder.children.values { visit(child) }
            count(folder)
        }
        visit(top)
        return (top.count, top.wildcards)
    }

    /// The folders that may still be collapsed (counts as of the last ``totals()``).
    var collapsible: [Folder] {
        var found: [Folder] = []
        func visit(_ folder: Folder) {
            if !folder.isWildcard, isBelowRoot(folder) { found.append(folder) }
            for child in folder.children.values { visit(child) }
        }
        visit(top)
        return found
    }

    /// The batch: wildcards and the exact paths they do not cover.
    func items() -> [String] {
        var out: [String] = []
        func visit(_ folder: Folder) {
            if folder.isWildcard {
                out.append(folder.path + "*")
                return
            }
            out += folder.items
            for child in folder.children.values { visit(child) }
        }
        visit(top)
        return out
    }
}
