import Foundation

/// Notices a save under the folders and files it watches, by the size and modification time of
/// every file (polled a few times a second: no platform API, and no link is followed).
struct ChangeWatcher: Sendable {
    let paths: [URL]
    /// How often the files are looked at.
    var interval: Duration = .milliseconds(200)

    /// Path → size and modification time of every file under ``paths``, hidden ones and
    /// temporary files of an editor or of tabi-press left out.
    func snapshot() -> [String: String] {
        var found: [String: String] = [:]
        let manager = FileManager.default
        for root in paths {
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: root.path, isDirectory: &isFolder) else { continue }
            let files: [URL]
            if isFolder.boolValue {
                let walker = manager.enumerator(
                    at: root, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey],
                    options: [.skipsHiddenFiles])
                files = (walker?.allObjects as? [URL]) ?? []
            } else {
                files = [root]
            }
            for file in files where !Self.isScratch(file.lastPathComponent) {
                guard let values = try? file.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]),
                    values.isRegularFile == true
                else { continue }
                found[file.path] = "\(values.fileSize ?? -1)@\(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return found
    }

    /// Editors' swap and backup files, and tabi-press's own temporary files.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasPrefix("#")
    }

    /// Calls `changed` once after each burst of saves (when two looks in a row agree), until
    /// the task is cancelled.
    func watch(changed: @Sendable () async -> Void) async {
        var last = snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var now = snapshot()
            guard now != last else { continue }
            // An editor writes in steps: wait until two looks agree.
            while !Task.isCancelled {
                try? await Task.sleep(for: interval / 2)
                let again = snapshot()
                if again == now { break }
                now = again
            }
            last = now
            await changed()
        }
    }
}
