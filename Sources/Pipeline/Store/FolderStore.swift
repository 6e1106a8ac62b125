import AWS
import ContentStore
import Foundation
import TabiCore

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

    /// The tag is the file's version (``ConfinedFolder/version(of:)``): every write renames a
    /// new file in, so it changes with every write, and is known without reading the bytes.
    public func readTagged(_ key: String) async throws(StoreError) -> TaggedObject? {
        let key = try checked(key, "read")
        let folder = ConfinedFolder(root)
        guard case .file = folder.kind(of: key) else { return nil }
        do {
            let (data, version) = try folder.readVersioned(key)
            return TaggedObject(data: data, tag: version)
        } catch {
            throw StoreError(key: root.path + "/" + key, operation: "read", message: error.reason)
        }
    }

    /// A conditional write holds an exclusive lock on a hidden file beside the object while it
    /// reads the tag and renames the new bytes in: atomic among processes of this machine.
    public func write(
        _ key: String, _ data: Data, md5: String, attributes: S3ObjectAttributes,
        condition: S3WriteCondition?
    ) async throws(StoreError) {
        let key = try checked(key, "write")
        let parent = try checkedParent(of: key)
        guard let condition else { return try replace(key, data) }
        let lock = root.appendingPathComponent(lockPath(key, parent: parent))
        let result = Result { () throws -> StoreError? in
            try FileManager.default.createDirectory(at: lock.deletingLastPathComponent(), withIntermediateDirectories: true)
            return try FileLock.withLock(at: lock) { () throws -> StoreError? in
                let current = try currentTag(key)
                let holds =
                    switch condition {
                    case .absent: current == nil
                    case .matches(let tag): current == tag
                    }
                guard holds else {
                    return StoreError(
                        key: root.path + "/" + key, operation: "write",
                        message: current == nil ? "is gone" : "is there already, or changed since it was read",
                        conditionFailed: true)
                }
                try replace(key, data)
                return nil
            }
        }
        switch result {
        case .success(nil): return
        case .success(let refusal?): throw refusal
        case .failure(let error as StoreError): throw error
        case .failure(let error): throw StoreError(key: root.path + "/" + key, operation: "write", message: "\(error)")
        }
    }

    /// The object's tag (its file's version), nil when there is none.
    private func currentTag(_ key: String) throws(StoreError) -> String? {
        let folder = ConfinedFolder(root)
        switch folder.kind(of: key) {
        case .missing: return nil
        case .file: return folder.version(of: key)
        default: throw StoreError(key: root.path + "/" + key, operation: "write", message: "is not a file")
        }
    }

    /// The hidden file a conditional write of `key` locks, beside it (`parent` is its folder, with
    /// `/`), relative to the root.
    private func lockPath(_ key: String, parent: String) -> String {
        parent + "." + key.dropFirst(parent.count) + ".lock"
    }

    /// The folders on the way to `key` must be folders of ours (or missing), not links out; the
    /// parent's path, with its trailing `/` (empty at the root).
    private func checkedParent(of key: String) throws(StoreError) -> String {
        let folder = ConfinedFolder(root)
        var parent = ""
        // Split at every `/` byte, as the kernel does (never by `Character`): see ConfinedFolder.components(of:).
        for name in (ConfinedFolder.components(of: key) ?? []).dropLast() {
            parent += name
            switch folder.kind(of: parent) {
            case .folder, .missing: parent += "/"
            default: throw StoreError(key: root.path + "/" + parent, operation: "write", message: "is not a folder")
            }
        }
        return parent
    }

    private func replace(_ key: String, _ data: Data) throws(StoreError) {
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
                // Its lock goes too, taken first so no conditional write is between its steps.
                if let parent = try? checkedParent(of: key), case .file = folder.kind(of: lockPath(key, parent: parent)) {
                    let lock = root.appendingPathComponent(lockPath(key, parent: parent))
                    _ = try? FileLock.withLock(at: lock) { try FileManager.default.removeItem(at: lock) }
                }
                removeEmptyFolders(above: key, in: folder)
            }
        }
        return failures
    }

    /// A bucket has no folders: once a key's folder is empty it goes too (never the root).
    private func removeEmptyFolders(above key: String, in folder: ConfinedFolder) {
        var names = (ConfinedFolder.components(of: key) ?? []).dropLast()
        while !names.isEmpty {
            let path = names.joined(separator: "/")
            guard case .folder = folder.kind(of: path), (try? folder.list(path))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(path))
            names = names.dropLast()
        }
    }

    public func tags(_ prefix: String) async throws(StoreError) -> [String: String] {
        var tags: [String: String] = [:]
        let folder = ConfinedFolder(root)
        for key in try await list(prefix) {
            if let version = folder.version(of: key) { tags[key] = version }
        }
        return tags
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
