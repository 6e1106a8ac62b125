import Foundation

extension ConfinedFolder {
    /// Every regular file below `path`, as sorted `/`-separated paths relative to the root, and
    /// every link (or FIFO, device, socket) found on the way, which is neither listed nor entered.
    /// Names starting with `.` are left out when `skipHidden` is set.
    ///
    /// Each folder is opened from its parent's descriptor (`O_NOFOLLOW | O_DIRECTORY`), not
    /// from the root again, and what a name is comes from the directory entry when the file
    /// system says (`lstat` otherwise): a walk of `Output/` at 10,000 trips made three opens a
    /// folder and an `lstat` a file. A parent stays open while any of its folders waits to be
    /// read, so at most one descriptor per level of depth is held.
    public func walk(_ path: String = "", skipHidden: Bool = true) throws(ConfinedFileError)
        -> (files: [String], refused: [String])
    {
        let found = try tree(path, skipHidden: skipHidden)
        return (found.files, found.refused)
    }

    /// What ``walk(_:skipHidden:)`` finds, and the folders it entered.
    public struct Tree: Sendable {
        /// Regular files, sorted.
        public var files: [String] = []
        /// Folders below `path` (not `path` itself), in no order.
        public var folders: [String] = []
        /// Links, FIFOs, devices and sockets, sorted.
        public var refused: [String] = []

        /// Nothing found.
        public init() {}

        init(files: [String], folders: [String], refused: [String]) {
            self.files = files
            self.folders = folders
            self.refused = refused
        }
    }

    /// ``walk(_:skipHidden:)`` with the folders it entered: one pass serves a check of which
    /// files exist and a sweep of what should not.
    public func tree(_ path: String = "", skipHidden: Bool = true) throws(ConfinedFileError) -> Tree {
        var files: [String] = []
        var folders: [String] = []
        var refused: [String] = []
        var pending: [(parent: OpenFolder?, name: String, path: String)] = [(nil, "", path)]
        while let next = pending.popLast() {
            let folder: OpenFolder
            if let parent = next.parent {
                let descriptor = openat(parent.descriptor, next.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard descriptor >= 0 else {
                    switch errno {
                    case ENOENT: continue  // removed while we looked
                    case ELOOP, ENOTDIR: refused.append(next.path); continue  // became a link or a file
                    default: throw error(errno, path: next.path, opening: true)
                    }
                }
                folder = OpenFolder(descriptor)
                folders.append(next.path)
            } else {
                folder = OpenFolder(try openFolder(next.path))
            }
            let copy = dup(folder.descriptor)
            guard copy >= 0 else { throw error(errno, path: next.path) }
            for entry in try entries(in: copy, path: next.path, kindsFromDirectory: true) {
                if skipHidden, entry.name.hasPrefix(".") { continue }
                let child = next.path.isEmpty ? entry.name : next.path + "/" + entry.name
                switch entry.kind {
                case .file: files.append(child)
                case .folder: pending.append((folder, entry.name, child))
                case .link, .other: refused.append(child)
                case .missing: continue  // removed while we looked
                }
            }
        }
        return Tree(files: files.sorted(), folders: folders, refused: refused.sorted())
    }
}

/// A folder's descriptor, closed when the last folder waiting on it has been opened.
private final class OpenFolder {
    let descriptor: Int32
    init(_ descriptor: Int32) { self.descriptor = descriptor }
    deinit { close(descriptor) }
}
