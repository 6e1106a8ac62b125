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

    /// How far a write goes to survive a power loss, not only a killed process.
    public enum Durability: Sendable, Equatable {
        /// Rename over the target. A killed process leaves the old bytes or the new; a power loss
        /// soon after may leave an empty or partial file, as the data may not be on disk yet.
        /// For files a run can make again from its inputs (`Output/`), whose writers flush
        /// once at the end instead (see ``flushToDisk()``).
        case renamed
        /// `fsync` the data before the rename and the folder after it: old or new bytes even
        /// across a power loss. For what cannot be made again: a writer's story, `trip.json`,
        /// records of what a run did.
        case synced
    }

    /// The prefix of temporary files; a later run may delete leftovers that start with it.
    public static let temporaryPrefix = ".tabi-tmp-"

    /// Writes `data` to `url` unless it already holds those bytes. Creates missing folders.
    @discardableResult
    public static func write(_ data: Data, to url: URL, durability: Durability = .renamed) throws(FileError) -> Outcome {
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(FileError) in try write(bytes: bytes, to: url, durability: durability) }
        }
        return try result.get()
    }

    /// Writes UTF-8 text; see ``write(_:to:durability:)``.
    @discardableResult
    public static func write(_ text: String, to url: URL, durability: Durability = .renamed) throws(FileError) -> Outcome {
        try write(Data(text.utf8), to: url, durability: durability)
    }

    /// Writes `bytes` to `url` unless it already holds them; see ``write(_:to:)``. For callers that
    /// keep their bytes in a reused buffer rather than in `Data`. `isNew`: the caller has just
    /// named the file's folder and knows neither exists, so nothing is read to compare (a file that
    /// is there after all is replaced).
    @discardableResult
    public static func write(
        bytes: UnsafeRawBufferPointer, to url: URL,
        durability: Durability = .renamed, isNew: Bool = false
    ) throws(FileError) -> Outcome {
        let path = url.path
        switch isNew ? .missing : holds(bytes, path: path) {
        case .same: return .unchanged
        case .different: break  // the folder is there
        case .missing: try createFolder(of: url)
        }
        let folder = url.deletingLastPathComponent().path
        let temporary = folder + "/" + TemporaryName.make(for: url.lastPathComponent)
        try writeNew(bytes, to: temporary, for: path, sync: durability == .synced)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw FileError(path: path, action: "replace", reason: reason)
        }
        if durability == .synced { syncFolder(folder) }
        return .written
    }

    /// Flushes every pending write to disk (`sync`): one call at the end of a run that wrote
    /// thousands of ``Durability/renamed`` files costs less than an `fsync` each, and after it
    /// returns they survive a power loss. (`syncfs`, one file system only, is not in Swift's Glibc.)
    public static func flushToDisk() {
        sync()
    }

    // MARK: - Steps

    private enum Existing { case same, different, missing }

    /// Whether the file at `path` holds exactly `bytes`: the size first, then the bytes, read in
    /// pieces, so checking thousands of unchanged files allocates nothing per file. Only a regular
    /// file can hold them: a link is not followed (it is replaced, even if what it points to holds
    /// the same bytes) and a FIFO is not waited on (opening one blocks until a writer comes).
    private static func holds(_ bytes: UnsafeRawBufferPointer, path: String) -> Existing {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
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

    /// One `mkdir` when only the last folder is missing (a new trip's); the missing parents too
    /// otherwise.
    private static func createFolder(of url: URL) throws(FileError) {
        let folder = url.deletingLastPathComponent()
        if mkdir(folder.path, 0o777) == 0 || errno == EEXIST { return }
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
    private static func writeNew(
        _ bytes: UnsafeRawBufferPointer, to temporary: String, for path: String,
        sync: Bool
    ) throws(FileError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw FileError(
                path: path, action: "write",
                reason: "cannot create \((temporary as NSString).lastPathComponent): "
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
        if sync, failure == 0, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw FileError(path: path, action: "write", reason: String(cString: strerror(failure)))
        }
    }

    /// `fsync` of a folder, so a rename in it is on disk. Best effort: some file systems refuse it.
    private static func syncFolder(_ folder: String) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

// MARK: - Temporary files

extension AtomicFile {
    /// Removes the temporary files a killed run left in `folder` (not below it): those written by
    /// a process of this host that is gone, and any older than `maximumAge` (another host's, on a
    /// shared volume, or a name from before hosts were recorded). A run still writing keeps its own.
    /// - Returns: the names removed.
    @discardableResult
    public static func removeStaleTemporaryFiles(
        in folder: URL, maximumAge: TimeInterval = 3600,
        now: Date = Date()
    ) -> [String] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where name.hasPrefix(temporaryPrefix) {
            let path = folder.appendingPathComponent(name).path
            var status = stat()
            guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let age = now.timeIntervalSince1970 - Double(status.st_mtim.tv_sec)
            let writer = TemporaryName.writer(of: name)
            let orphaned = writer.map { $0.host == TemporaryName.host && !TemporaryName.isRunning($0.pid) } ?? false
            if orphaned || age > maximumAge, unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }
}

/// `.tabi-tmp-<host>.<pid>.<random>-<name>`: who is writing, so a later run can tell a leftover of
/// a killed process from a write still in progress.
enum TemporaryName {
    static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "host" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self).unicodeScalars.filter {
            $0.isASCII && ($0 == "-" || CharacterSet.alphanumerics.contains($0))
        }
        return name.isEmpty ? "host" : String(String.UnicodeScalarView(name.prefix(64)))
    }()

    static func make(for name: String) -> String {
        let random = UUID().uuidString.prefix(8)
        return AtomicFile.temporaryPrefix + "\(host).\(getpid()).\(random)-" + name
    }

    /// The host and process id a temporary name records; nil for a name of another shape.
    static func writer(of name: String) -> (host: String, pid: Int32)? {
        guard name.hasPrefix(AtomicFile.temporaryPrefix) else { return nil }
        let fields = name.dropFirst(AtomicFile.temporaryPrefix.count).split(separator: "-", maxSplits: 1)
        let parts = fields.first?.split(separator: ".") ?? []
        guard parts.count == 3, let pid = Int32(parts[1]), pid > 0 else { return nil }
        return (String(parts[0]), pid)
    }

    /// Whether a process with this id runs on this host (`kill(pid, 0)`; EPERM means it does).
    static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
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
        let reason =
            (underlying as NSError).localizedFailureReason
            ?? (underlying as NSError).localizedDescription
        self.init(path: path, action: action, reason: reason)
    }

    public var description: String { "cannot \(action) \(path): \(reason)" }
}
