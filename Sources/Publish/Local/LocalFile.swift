import Foundation

/// A file of the output folder, by its site-relative path.
public struct LocalFile: Sendable, Hashable {
    /// `trips/kyoto/index.html`: `/`-separated, relative to the output folder.
    public var path: String
    /// The absolute path on disk.
    public var file: String
    /// The size in bytes.
    public var size: Int64

    public init(path: String, file: String, size: Int64) {
        self.path = path
        self.file = file
        self.size = size
    }

    /// Every regular file under `folder`, sorted by path. Hidden names (`.gitignore`, the
    /// build's `.tabi-tmp-*` leftovers) and anything under a hidden folder are left out, and so
    /// is `_tabi/publish/`, where publish keeps its own state in the bucket.
    public static func scan(_ folder: URL) throws(PublishError) -> [LocalFile] {
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw .setup("the output folder \(folder.path) does not exist (run `tabi-press build` first)")
        }
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey, .fileSizeKey], options: [.skipsHiddenFiles],
            errorHandler: nil) else {
            throw .setup("cannot read the output folder \(folder.path)")
        }
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [LocalFile] = []
        for case let url as URL in enumerator {
            let resolved = url.resolvingSymlinksInPath()
            guard let values = try? resolved.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey]),
                  values.isRegularFile == true else { continue }
            let absolute = url.standardizedFileURL.path
            guard absolute.hasPrefix(base) else { continue }
            let path = String(absolute.dropFirst(base.count))
            if path.hasPrefix(PublishKeys.reservedStateFolder) { continue }
            files.append(LocalFile(path: path, file: resolved.path, size: Int64(values.fileSize ?? 0)))
        }
        return files.sorted { $0.path < $1.path }
    }
}
