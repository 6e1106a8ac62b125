import AWS
import ContentStore
import Foundation

/// A file of the output folder, by its site-relative path, read only through a
/// ``ContentStore/ConfinedFolder`` (no link below the output folder is ever followed).
public struct LocalFile: Sendable, Hashable {
    /// `trips/kyoto/index.html`: `/`-separated, relative to the output folder.
    public var path: String
    /// The output folder (it may itself be a link).
    public var root: URL

    public init(path: String, root: URL) {
        self.path = path
        self.root = root
    }

    /// The file's path on disk, for messages.
    public var file: String { root.path + "/" + path }

    /// The file opened without following a link at any depth; what is hashed and sent is read
    /// through this descriptor, never by path again.
    public func open() throws(ConfinedFileError) -> HTTPOpenFile {
        let (descriptor, _) = try ConfinedFolder(root).openFile(path)
        return HTTPOpenFile(adopting: descriptor, path: file)
    }

    /// Every regular file under `folder`, sorted by path, and what was refused. Hidden names
    /// (`.gitignore`, the build's `.tabi-tmp-*` leftovers) and anything under a hidden folder are
    /// left out. The build's `_tabi/` files are listed apart (never part of the site), and
    /// `_tabi/publish/` is left out. Symbolic links (to a file or a folder), FIFOs, devices and
    /// sockets are refused: never followed, opened or uploaded.
    public static func scan(_ folder: URL) throws(PublishError) -> LocalScan {
        let confined = ConfinedFolder(folder)
        let found: (files: [String], refused: [String])
        do {
            found = try confined.walk()
        } catch {
            switch error.problem {
            case .missing: throw .setup("the output folder \(folder.path) does not exist (run `tabi-press build` first)")
            default: throw .setup("cannot read the output folder: \(error)")
            }
        }
        var scan = LocalScan()
        let root = confined.root
        for path in found.files
        where !path.hasPrefix(PublishKeys.reservedStateFolder)
            && !PublishKeys.machineLocalBuildFiles.contains(path)
        {
            let file = LocalFile(path: path, root: root)
            if path.hasPrefix(PublishKeys.reservedFolder) { scan.buildFiles.append(file) } else { scan.files.append(file) }
        }
        for path in found.refused where !path.hasPrefix(PublishKeys.reservedStateFolder) {
            let problem: ConfinedFileError.Problem = confined.kind(of: path) == .link ? .symbolicLink : .notARegularFile
            scan.refused.append(RefusedFile(path: path, error: ConfinedFileError(path: root.path + "/" + path, problem: problem)))
        }
        return scan
    }
}

/// What a scan of the output folder found.
public struct LocalScan: Sendable {
    /// The site's files, sorted by path.
    public var files: [LocalFile] = []
    /// The build's own files under `_tabi/` (its derivative manifest), kept only in a private state store.
    public var buildFiles: [LocalFile] = []
    /// Links and special files: named as failures, never read, and their keys never deleted.
    public var refused: [RefusedFile] = []

    public init(files: [LocalFile] = [], buildFiles: [LocalFile] = [], refused: [RefusedFile] = []) {
        self.files = files
        self.buildFiles = buildFiles
        self.refused = refused
    }
}

/// A path of the output folder publish would not read: a link, a special file, or a file that
/// could not be opened as a regular file. It is not "gone": its key in the bucket stays.
public struct RefusedFile: Sendable, Equatable, CustomStringConvertible {
    /// The site-relative path.
    public var path: String
    public var error: ConfinedFileError

    public init(path: String, error: ConfinedFileError) {
        self.path = path
        self.error = error
    }

    /// Whether it is one of the build's `_tabi/` files rather than a file of the site.
    public var isBuildFile: Bool { path.hasPrefix(PublishKeys.reservedFolder) }

    public var description: String { error.description }
}
