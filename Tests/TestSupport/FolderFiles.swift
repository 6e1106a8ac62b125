import Foundation

/// The regular files under a folder, by their path relative to it: what tests compare before and
/// after a run (bytes, dates). A folder that does not exist has none.
public enum FolderFiles {
    /// Relative path → URL of every regular file under `root`.
    public static func urls(under root: URL) throws -> [String: URL] {
        let base = root.standardizedFileURL
        guard let walker = FileManager.default.enumerator(atPath: base.path) else { return [:] }
        var files: [String: URL] = [:]
        for case let relative as String in walker {
            let url = base.appendingPathComponent(relative)
            if try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true { files[relative] = url }
        }
        return files
    }

    /// Relative path → bytes of every regular file under `root`.
    public static func contents(under root: URL) throws -> [String: Data] {
        try urls(under: root).mapValues { try Data(contentsOf: $0) }
    }

    /// Relative path → modification date of every regular file under `root`.
    public static func modificationDates(under root: URL) throws -> [String: Date] {
        try urls(under: root).compactMapValues { try $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate }
    }
}
