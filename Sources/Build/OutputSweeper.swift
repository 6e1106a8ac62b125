import ContentStore
import Foundation

/// Removes what the build no longer makes (a removed trip's pages, derivatives no page uses,
/// temporary files of a build that was killed), so `Output/` holds exactly the site.
struct OutputSweeper {
    let output: URL

    /// Deletes every symbolic link (and FIFO, socket, device) under `Output/` before anything is
    /// written: the build writes by path, so a link planted where a folder of the site goes
    /// (`Output/trips/kyoto` → `~/.ssh`) would have its pages written through it, and publish
    /// would upload a linked file's target. `Output/` belongs to the build; the folder itself may
    /// be a link. Nothing below a link is touched.
    /// - Returns: the site-relative paths removed, sorted.
    func removeLinks() -> [String] {
        guard let walked = try? ConfinedFolder(output).walk(skipHidden: false) else { return [] }
        return walked.refused.filter { unlink(output.appendingPathComponent($0).path) == 0 }
    }

    /// Deletes every file under `Output/` that is not in `keep` and not under a kept folder.
    /// Dotfiles at the top (`Output/.gitignore`) belong to the repository and are never touched.
    /// - Returns: the site-relative paths removed, sorted.
    func sweep(keep: Set<String>, keepFolders: Set<String>) -> [String] {
        let fm = FileManager.default
        let base = output.standardizedFileURL.path
        guard let walker = fm.enumerator(atPath: base) else { return [] }
        var removed: [String] = []
        var folders: [String] = []
        while let relative = walker.nextObject() as? String {
            let path = base + "/" + relative
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder.boolValue {
                if keepFolders.contains(where: { relative == $0 || relative.hasPrefix($0 + "/") }) {
                    walker.skipDescendants()
                } else {
                    folders.append(relative)
                }
                continue
            }
            let name = (relative as NSString).lastPathComponent
            if !relative.contains("/"), name.hasPrefix("."), !name.hasPrefix(AtomicFile.temporaryPrefix) { continue }
            if keep.contains(relative), !name.hasPrefix(AtomicFile.temporaryPrefix) { continue }
            if (try? fm.removeItem(atPath: path)) != nil { removed.append(relative) }
        }
        // Deepest first, so a folder emptied by removing its children goes too.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            let path = base + "/" + folder
            if let children = try? fm.contentsOfDirectory(atPath: path), children.isEmpty {
                try? fm.removeItem(atPath: path)
            }
        }
        return removed.sorted()
    }
}
