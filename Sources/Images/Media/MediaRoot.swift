import Concurrency
import ContentStore
import Foundation
import TabiCore

/// Originals in a local folder (`--media DIR`, by default `Content/media`): a storage key is a
/// relative path under it.
///
/// Files are read through a ``ConfinedFolder``: the root itself may be a symbolic link (a mounted
/// volume), but no link below it is ever followed, neither the file nor any folder on the way, so
/// a key cannot lead to `/etc`, a credentials file or another site's media. Only regular files are
/// read (never a FIFO or a device), and a file's size is checked before it is read.
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
    public func original(at storageKey: String, maxBytes: Int) async throws(MediaError) -> Data {
        guard let file = file(for: storageKey) else {
            throw MediaError(
                storageKey: storageKey, location: storageKey,
                reason: "the storage key is not a safe relative path")
        }
        let root = ConfinedFolder(folder)
        let result = await BlockingThread.run(named: "tabi-images") { () -> Result<Data, MediaError> in
            do throws(ConfinedFileError) {
                return .success(try root.read(storageKey, maxBytes: maxBytes))
            } catch {
                return .failure(
                    MediaError(
                        storageKey: storageKey, location: file.path,
                        reason: Self.reason(error, key: storageKey, root: root, maxBytes: maxBytes)))
            }
        }
        return try result.get()
    }

    /// Why the file was not read, as the end of a sentence about it.
    private static func reason(_ error: ConfinedFileError, key: String, root: ConfinedFolder, maxBytes: Int) -> String {
        switch error.problem {
        case .missing:
            return "the file does not exist"
        case .symbolicLink:
            let link = error.path == root.root.path + "/" + key ? "it is" : "\(error.path) is"
            return "\(link) a symbolic link, and links inside the media root are never followed"
        case .notARegularFile:
            return root.kind(of: key) == .folder
                ? "it is a folder, not a file"
                : "it is not a regular file (a FIFO, device or socket is never read)"
        case .notAFolder:
            return "\(error.path) is not a folder"
        case .tooLarge:
            guard case .file(let size) = root.kind(of: key), size > maxBytes else {
                return "it grew past images.maxBytes (\(maxBytes)) while it was read"
            }
            return "it is \(size) bytes, more than images.maxBytes (\(maxBytes)); it was not read"
        case .outsideTheFolder:
            return "the storage key is not a safe relative path"
        case .io(let reason):
            return "reading failed (\(reason))"
        }
    }
}
