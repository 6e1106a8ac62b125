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
        let result = data.withUnsafeBytes { bytes in Result { () throws(FileError) in try write(bytes: bytes, to: url) } }
        return try result.get()
    }

    /// Writes UTF-8 text; see ``write(_:to:)``.
    @discardableResult
    public static func write(_ text: String, to url: URL) throws(FileError) -> Outcome {
        try write(Data(text.utf8), to: url)
    }

    /// Writes `bytes` to `url` unless it already holds them; see ``write(_:to:)``. For callers that
    /// keep their bytes in a reused buffer rather than in `Data`.
    @discardableResult
    public static func write(bytes: UnsafeRawBufferPointer, to url: URL) throws(FileError) -> Outcome {
        let path = url.path
        switch holds(bytes, path: path) {
        case .same: return .unchanged
        case .different: break  // the folder is there
        case .missing: try createFolder(of: url)
        }
        let temporary = url.deletingLastPathComponent().path + "/" + temporaryPrefix + UUID().uuidString + "-"
            + url.lastPathComponent
        try writeNew(bytes, to: temporary, for: path)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileError(path: path, action: "replace", reason: reason)
        }
        return .written
    }

    // MARK: - Steps

    private enum Existing { case same, different, missing }

    /// Whether the file at `path` holds exactly `bytes`: the size first, then the bytes, read in
    /// pieces, so checking thousands of unchanged files allocates nothing per file.
    private static func holds(_ bytes: UnsafeRawBufferPointer, path: String) -> Existing {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .different }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size == bytes.count
        else { return .different }
        guard let expected = bytes.baseAddress else { return .same }
        return withUnsafeTemporaryAllocation(byteCount: 64 << 10, alignment: 16) { buffer -> Existing in
            var offset = 0
            while offset < bytes.count {
                let count = read(descriptor, buffer.baseAddress!, min(buffer.count, bytes.count - offset))
                if count < 0, errno == EINTR { continue }
                guard count > 0, memcmp(buffer.baseAddress!, expected + offset, count) == 0 else { return .different }
                offset += count
            }
            // A file that grew since `fstat` differs too.
            return read(descriptor, buffer.baseAddress!, 1) == 0 ? .same : .different
        }
    }

    private static func createFolder(of url: URL) throws(FileError) {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: folder.path, action: "create the folder", underlying: error)
        }
    }

    /// Creates `temporary` and writes `bytes` to it with plain POSIX calls: Foundation's writers
    /// fsync every file (and `FileManager.createFile` adds its own temporary file and rename), which
    /// made writing thousands of files wait on the disk; the rename that follows is what keeps
    /// readers from ever seeing half a file.
    private static func writeNew(_ bytes: UnsafeRawBufferPointer, to temporary: String, for path: String) throws(FileError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileError(path: path, action: "write", reason: "cannot create \((temporary as NSString).lastPathComponent): "
                                + String(cString: strerror(errno)))
        }
        var failure: Int32 = 0
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failure = errno
                break
            }
            offset += written
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileError(path: path, action: "write", reason: String(cString: strerror(failure)))
        }
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
