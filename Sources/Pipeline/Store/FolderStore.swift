import AWS
import ContentStore
import Foundation

/// An ``ObjectStore`` in a local folder: a site served from disk (`make demo`, a local origin)
/// or state kept beside it. Written atomically, never through a link: keys must be confined
/// relative paths.
public struct FolderStore: ObjectStore {
    public let root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL
    }

    public var location: String { root.path + "/" }
    public var keepsHeaders: Bool { false }
    public var requests: Int { 0 }

    private func checked(_ key: String, _ operation: String) throws(StoreError) -> String {
        guard ConfinedFolder.isConfined(key) else {
            throw StoreError(key: key, operation: operation, message: "not a plain relative path")
        }
        return key
    }

    public func read(_ key: String) async throws(StoreError) -> Data? {
        let key = try checked(key, "read")
        let folder = ConfinedFolder(root)
        guard case .file = folder.kind(of: key) else { return nil }
        do { return try folder.read(key) } catch {
            throw StoreError(key: root.path + "/" + key, operation: "read", message: error.reason)
        }
    }

    public func write(_ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes) async throws(StoreError) {
        let key = try checked(key, "write")
        let folder = ConfinedFolder(root)
        // The folders on the way must be folders of ours, not links out.
        var parent = ""
        for name in key.split(separator: "/").dropLast() {
            parent += (parent.isEmpty ? "" : "/") + name
            switch folder.kind(of: parent) {
            case .folder, .missing: continue
            default: throw StoreError(key: root.path + "/" + parent, operation: "write", message: "is not a folder")
            }
        }
        do { try AtomicFile.write(data, to: root.appendingPathComponent(key)) } catch {
            throw StoreError(key: root.path + "/" + key, operation: "write", message: error.description)
        }
    }

    public func delete(_ keys: [String]) async -> [StoreError] {
        var failures: [StoreError] = []
        let folder = ConfinedFolder(root)
        for key in keys {
            guard ConfinedFolder.isConfined(key) else {
                failures.append(StoreError(key: key, operation: "delete", message: "not a plain relative path"))
                continue
            }
            switch folder.kind(of: key) {
            case .missing: continue
            case .folder: failures.append(StoreError(key: root.path + "/" + key, operation: "delete", message: "is a folder"))
            default:
                do { try FileManager.default.removeItem(at: root.appendingPathComponent(key)) } catch {
                    failures.append(StoreError(key: root.path + "/" + key, operation: "delete", message: "\(error)"))
                    continue
                }
                removeEmptyFolders(above: key, in: folder)
            }
        }
        return failures
    }

    /// A bucket has no folders: once a key's folder is empty it goes too (never the root).
    private func removeEmptyFolders(above key: String, in folder: ConfinedFolder) {
        var names = key.split(separator: "/").dropLast()
        while !names.isEmpty {
            let path = names.joined(separator: "/")
            guard case .folder = folder.kind(of: path), (try? folder.list(path))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
            names = names.dropLast()
        }
    }

    public func list(_ prefix: String) async throws(StoreError) -> [String] {
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        do {
            return try ConfinedFolder(root).walk().files.filter { $0.hasPrefix(prefix) }.sorted()
        } catch {
            throw StoreError(key: root.path, operation: "list", message: error.reason)
        }
    }
}
