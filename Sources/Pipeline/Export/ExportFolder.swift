import ContentStore
import Foundation

/// Writes an export into a folder of its own: each file atomically, then whatever an earlier
/// export of the folder left that this one has not. A folder is only written when it is empty or
/// holds an earlier export (`.tabi-export`), so `--output ~` never sweeps anyone's files.
public enum ExportFolder {
    public static let marker = ".tabi-export"

    /// Returns the paths removed.
    @discardableResult
    public static func write(_ files: [(path: String, data: Data)], to folder: URL, tripID: String) throws(FileError) -> [String] {
        let confined = ConfinedFolder(folder)
        switch confined.kind(of: marker) {
        case .file: break
        case .missing:
            let entries = (try? confined.list()) ?? []
            guard entries.isEmpty else {
                throw FileError(
                    path: folder.path, action: "export into",
                    reason: "it is not empty and holds no earlier export (\(marker)); choose an empty folder")
            }
        default:
            throw FileError(path: folder.path + "/" + marker, action: "export into", reason: "it is not a regular file")
        }
        for file in files {
            guard ConfinedFolder.isConfined(file.path) else {
                throw FileError(path: file.path, action: "export", reason: "not a plain relative path")
            }
            try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.path))
        }
        try AtomicFile.write(Data("\(tripID)\n".utf8), to: folder.appendingPathComponent(marker))
        let kept = Set(files.map(\.path))
        var removed: [String] = []
        if let (existing, _) = try? confined.walk() {
            for path in existing where !kept.contains(path) {
                if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(path))) != nil { removed.append(path) }
            }
        }
        return removed
    }
}
