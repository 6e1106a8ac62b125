import Foundation

/// Originals in a local folder (`--media DIR`, by default `Content/media`): a storage key is a
/// relative path under it.
public struct MediaRoot: MediaSource {
    public let folder: URL

    public init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// The file a key names; nil for a key that is not safe (see ``StorageKey/isSafe(_:)``).
    public func file(for storageKey: String) -> URL? {
        guard StorageKey.isSafe(storageKey) else { return nil }
        return folder.appendingPathComponent(storageKey, isDirectory: false)
    }

    public func location(of storageKey: String) -> String {
        file(for: storageKey)?.path ?? storageKey
    }

    /// Reads the file on a thread of its own: file I/O blocks, and the cooperative pool is
    /// better left to work that awaits.
    public func original(at storageKey: String) async throws(MediaError) -> Data {
        guard let file = file(for: storageKey) else {
            throw MediaError(storageKey: storageKey, location: storageKey,
                             reason: "the storage key is not a safe relative path")
        }
        let result = await BlockingThread.run { Self.read(file, key: storageKey) }
        return try result.get()
    }

    private static func read(_ file: URL, key: String) -> Result<Data, MediaError> {
        let path = file.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .failure(MediaError(storageKey: key, location: path, reason: "the file does not exist"))
        }
        guard !isFolder.boolValue else {
            return .failure(MediaError(storageKey: key, location: path, reason: "it is a folder, not a file"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(MediaError(storageKey: key, location: path, reason: "the file cannot be opened"))
        }
        defer { try? handle.close() }
        do {
            return .success(try handle.readToEnd() ?? Data())
        } catch {
            return .failure(MediaError(storageKey: key, location: path,
                                       reason: "reading failed (\(error.localizedDescription))"))
        }
    }
}
