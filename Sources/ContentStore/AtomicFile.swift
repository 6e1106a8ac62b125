import Foundation

/// Writes files so that a reader (or a build killed half way) only ever sees the old bytes or the
/// new ones: the data goes to a temporary file beside the target, then a rename replaces it.
public enum AtomicFile {
    /// What a write did.
    public enum Outcome: Sendable, Equatable {
        /// The file was created or its bytes changed.
        case written
        /// The file already held exactly these bytes; it was not touched (its mtime is kept).
        case unchanged
    }

    /// The prefix of temporary files; a later run may delete leftovers that start with it.
    public static let temporaryPrefix = ".tabi-tmp-"

    /// Writes `data` to `url` unless it already holds those bytes. Creates missing folders.
    @discardableResult
    public static func write(_ data: Data, to url: URL) throws(FileError) -> Outcome {
        let fm = FileManager.default
        if let existing = fm.contents(atPath: url.path), existing == data {
            return .unchanged
        }
        let folder = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: folder.path, action: "create the folder", underlying: error)
        }
        let temporary = folder.appendingPathComponent(temporaryPrefix + UUID().uuidString + "-" + url.lastPathComponent)
        try writeNew(data, to: temporary, for: url)
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temporary)
            throw FileError(path: url.path, action: "replace", reason: reason)
        }
        return .written
    }

    /// Creates `temporary` and writes `data` to it with plain POSIX calls: Foundation's writers
    /// fsync every file (and `FileManager.createFile` adds its own temporary file and rename), which
    /// made writing thousands of files wait on the disk; the rename that follows is what keeps
    /// readers from ever seeing half a file.
    private static func writeNew(_ data: Data, to temporary: URL, for url: URL) throws(FileError) {
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileError(path: url.path, action: "write", reason: "cannot create \(temporary.lastPathComponent): "
                                + String(cString: strerror(errno)))
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw FileError(path: url.path, action: "write", reason: String(cString: strerror(failure)))
        }
    }

    /// Writes UTF-8 text; see ``write(_:to:)``.
    @discardableResult
    public static func write(_ text: String, to url: URL) throws(FileError) -> Outcome {
        try write(Data(text.utf8), to: url)
    }
}

/// A file-system operation that failed, naming the path.
public struct FileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var action: String
    public var reason: String

    public init(path: String, action: String, reason: String) {
        self.path = path
        self.action = action
        self.reason = reason
    }

    public init(path: String, action: String, underlying: any Error) {
        let reason = (underlying as NSError).localizedFailureReason
            ?? (underlying as NSError).localizedDescription
        self.init(path: path, action: action, reason: reason)
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }
}
