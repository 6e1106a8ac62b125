import ContentStore
import Foundation

/// `Output/` as the build found it, walked once before anything is written. The walk serves
/// three things: the links it finds are removed at once, the files it lists tell which trips'
/// pages are all still there (so they may be reused without a look each), and after the build
/// the sweep removes what the site no longer has (a removed trip's pages, derivatives no page
/// uses, temporary files of a build that was killed), so `Output/` holds exactly the site.
///
/// Anything written after the walk is in the build's keep set, so the sweep needs no second walk.
struct OutputSweeper: Sendable {
    let output: URL
    /// The regular files found, site-relative.
    let files: Set<String>
    /// The files found, sorted, and the folders (the root not among them).
    private let sortedFiles: [String]
    private let folders: [String]
    /// The links (and FIFOs, sockets, devices) found and removed, sorted.
    let removedLinks: [String]

    /// Walks `output` and deletes every symbolic link (and FIFO, socket, device) under it: the
    /// build writes by path, so a link planted where a folder of the site goes
    /// (`Output/trips/kyoto` → `~/.ssh`) would have its pages written through it, and publish
    /// would upload a linked file's target. `Output/` belongs to the build; the folder itself
    /// may be a link. Nothing below a link is touched. A folder that cannot be walked is taken
    /// as empty: every trip is rendered again and nothing is swept.
    init(output: URL) {
        self.output = output
        let folder = ConfinedFolder(output)
        let tree = (try? folder.tree(skipHidden: false)) ?? ConfinedFolder.Tree()
        removedLinks = tree.refused.filter { folder.remove($0) }
        sortedFiles = tree.files
        files = Set(tree.files)
        folders = tree.folders
    }

    /// Whether `path` was a regular file when the build started.
    func contains(_ path: String) -> Bool { files.contains(path) }

    /// Deletes every file found that is not in `keep` and not under a kept folder, then every
    /// folder that left empty. Dotfiles at the top (`Output/.gitignore`) belong to the
    /// repository and are never touched.
    /// - Returns: the site-relative paths removed, sorted.
    func sweep(keep: Set<String>, keepFolders: Set<String>) -> [String] {
        let folder = ConfinedFolder(output)
        func isKept(folder path: String) -> Bool {
            var path = Substring(path)
            while true {
                if keepFolders.contains(String(path)) { return true }
                guard let slash = path.lastIndex(of: "/") else { return false }
                path = path[..<slash]
            }
        }
        // What each folder holds, so one that is emptied is known without looking again.
        var held: [Substring: Int] = [:]
        for path in sortedFiles { held[parent(of: path), default: 0] += 1 }
        for path in folders { held[parent(of: path), default: 0] += 1 }
        var removed: [String] = []
        for relative in sortedFiles {
            let slash = relative.lastIndex(of: "/")
            let name = slash.map { relative[relative.index(after: $0)...] } ?? Substring(relative)
            let temporary = name.hasPrefix(AtomicFile.temporaryPrefix)
            if slash == nil, name.hasPrefix("."), !temporary { continue }
            if keep.contains(relative), !temporary { continue }
            if let slash, isKept(folder: String(relative[..<slash])) { continue }
            if folder.remove(relative) {
                removed.append(relative)
                held[parent(of: relative), default: 0] -= 1
            }
        }
        // Deepest first, so a folder emptied by removing its children goes too.
        for path in folders.sorted(by: { $0.count > $1.count }) where held[Substring(path), default: 0] == 0 {
            if !isKept(folder: path), folder.remove(path, folder: true) { held[parent(of: path), default: 0] -= 1 }
        }
        return removed
    }

    /// The folder holding `path` (`""` for the root).
    private func parent(of path: String) -> Substring {
        path.lastIndex(of: "/").map { path[..<$0] } ?? ""
    }
}
