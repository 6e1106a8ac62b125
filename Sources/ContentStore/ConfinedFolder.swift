import Foundation
import Synchronization

/// A folder whose files are read and listed without ever following a symbolic link inside it.
///
/// `Content/`, a media root, a theme and `Output/` are checkouts and folders other people (and
/// other programs) write to: a `story.md` that is a link to `/proc/self/environ` or
/// `~/.aws/credentials` must never be published. The root itself may be a link (a mounted volume,
/// a checkout moved aside); below it, every folder is opened with `O_NOFOLLOW | O_DIRECTORY` and
/// every file with `O_NOFOLLOW`, one component at a time from the root's descriptor, so no link at
/// any depth is followed, and only regular files are read (no FIFO, device or socket).
public struct ConfinedFolder: Sendable {
    /// The root as given (it may be a link, which is followed once).
    public let root: URL

    public init(_ root: URL) {
        self.root = root.standardizedFileURL
    }

    /// What a path names, as `lstat` sees it (a link is a link, never its target).
    public enum Kind: Sendable, Equatable {
        case file(size: Int)
        case folder
        case link
        /// A FIFO, device or socket.
        case other
        case missing
    }

    /// One name in a folder.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var kind: Kind
    }

    // MARK: - Reading

    /// The bytes of the regular file at `path` (relative, `/`-separated), at most `maxBytes`.
    /// Throws when a component is a link, the file is not a regular file, or it is larger.
    public func read(_ path: String, maxBytes: Int = .max) throws(ConfinedFileError) -> Data {
        let (descriptor, size) = try openFile(path)
        defer { close(descriptor) }
        return try readAll(descriptor, size: size, path: path, maxBytes: maxBytes)
    }

    /// A regular file's bytes and its version (``version(of:)``) as one: the version is the
    /// open file's, so it is the version of the bytes read even if the file is replaced meanwhile.
    public func readVersioned(_ path: String, maxBytes: Int = .max) throws(ConfinedFileError) -> (data: Data, version: String) {
        let (descriptor, size) = try openFile(path)
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw error(errno, path: path) }
        return (try readAll(descriptor, size: size, path: path, maxBytes: maxBytes), Self.version(status))
    }

    /// The version of the regular file at `path`, without reading it: its inode, size and
    /// modification time. A file written by renaming a new one over it (``AtomicFile``) gets a
    /// new version on every write. Nil when no regular file is there (or a link is).
    public func version(of path: String) -> String? {
        guard let (folder, name) = try? openParent(of: path) else { return nil }
        defer { close(folder) }
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Self.version(status)
    }

    private static func version(_ status: stat) -> String {
        "\(status.st_ino)-\(status.st_size)-\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
    }

    private func readAll(_ descriptor: Int32, size: Int, path: String, maxBytes: Int) throws(ConfinedFileError) -> Data {
        guard size <= maxBytes else {
            throw ConfinedFileError(path: describe(path), problem: .tooLarge(limit: maxBytes))
        }
        // Read to the end, not to the size: a file still being written may have grown (and the
        // limit must hold for what is read, whatever fstat said).
        var data = Data(capacity: size)
        let chunk = 64 << 10
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, chunk) }
            if count < 0 {
                if errno == EINTR { continue }
                throw error(errno, path: path)
            }
            if count == 0 { break }
            guard data.count + count <= maxBytes else {
                throw ConfinedFileError(path: describe(path), problem: .tooLarge(limit: maxBytes))
            }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    /// The regular file at `path` opened read-only, without following a link at any depth, and
    /// its size then. The caller owns the descriptor (and closes it): reading through it reads
    /// the file that was checked, even if the name is swapped for a link afterwards.
    public func openFile(_ path: String) throws(ConfinedFileError) -> (descriptor: Int32, size: Int) {
        let (folder, name) = try openParent(of: path)
        defer { close(folder) }
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw error(errno, path: path, opening: true) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw error(code, path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw ConfinedFileError(path: describe(path), problem: .notARegularFile)
        }
        return (descriptor, Int(status.st_size))
    }

    /// What `path` is, without following a link at any depth. A path that climbs out (`..`),
    /// is absolute or empty is `.missing`, as is one below a link or a file.
    public func kind(of path: String) -> Kind {
        guard let (folder, name) = try? openParent(of: path) else {
            // A link on the way down is not followed: what is below it is not in the folder.
            return .missing
        }
        defer { close(folder) }
        return Self.kind(at: folder, name: name)
    }

    /// Removes the file, link or empty folder at `path`, found without following a link at
    /// any depth (a link on the way down means there is nothing of the folder to remove).
    /// - Returns: whether it was removed.
    @discardableResult
    public func remove(_ path: String, folder: Bool = false) -> Bool {
        guard let (parent, name) = try? openParent(of: path) else { return false }
        defer { close(parent) }
        return unlinkat(parent, name, folder ? AT_REMOVEDIR : 0) == 0
    }

    /// The size and modification time of a regular file: what a quick check of whether it
    /// changed compares, as rsync's does, without reading it.
    public struct Stamp: Sendable, Hashable, CustomStringConvertible {
        public var size: Int
        /// Nanoseconds since 1970.
        public var modified: Int64

        /// `size@modified`.
        public var description: String { "\(size)@\(modified)" }
    }

    /// For each folder named in `folders` (inside the folder at `parent`), the stamps of its
    /// regular files among `names` (a name that is missing, a link or not a regular file has
    /// none), flat: the stamp of `names[n]` in `folders[f]` is at `f * names.count + n`. Files are
    /// only `lstat`ed, never opened. The folders are looked at in `runs` runs side by side (one
    /// per core): it is all system calls, which the kernel serves on every core, and a night
    /// waits for it at 10,000 trips.
    ///
    /// `folders` must be names a listing of `parent` found to be folders, not links: each file
    /// is looked up by its path from `parent` (`<folder>/<name>`, the last component never
    /// followed), two system calls a folder fewer than opening it. A folder swapped for a link
    /// between that listing and this call would have the stamps of a file it points to looked
    /// up: a stamp is only compared with a recorded one, never shown or used to open anything,
    /// and every read goes through ``read(_:maxBytes:)``, which refuses the link.
    public func stamps(
        of names: [String], inEachOf folders: [String], in parent: String,
        runs: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws(ConfinedFileError) -> [Stamp?] {
        let top = try openFolder(parent)
        defer { close(top) }
        let runs = max(1, min(runs, folders.count / 512))
        let found = Mutex([[Stamp?]](repeating: [], count: runs))
        let names = names.map { Array($0.utf8) }
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            var stamps: [Stamp?] = []
            let slice = folders[folders.count * run / runs..<folders.count * (run + 1) / runs]
            stamps.reserveCapacity(slice.count * names.count)
            var path: [CChar] = []
            path.reserveCapacity(256)
            for folder in slice {
                for name in names {
                    path.removeAll(keepingCapacity: true)
                    for byte in folder.utf8 { path.append(CChar(bitPattern: byte)) }
                    path.append(CChar(bitPattern: UInt8(ascii: "/")))
                    for byte in name { path.append(CChar(bitPattern: byte)) }
                    path.append(0)
                    var status = stat()
                    guard fstatat(top, path, &status, AT_SYMLINK_NOFOLLOW) == 0, status.st_mode & S_IFMT == S_IFREG else {
                        stamps.append(nil)
                        continue
                    }
                    let modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
                    stamps.append(Stamp(size: Int(status.st_size), modified: modified))
                }
            }
            found.withLock { $0[run] = stamps }
        }
        return found.withLock { $0.flatMap { $0 } }
    }

    /// The names in the folder at `path` (`""` for the root), sorted, each with its kind. Hidden
    /// names are included: callers decide what to skip. Without `sizes`, a file's size is 0 and
    /// a name's kind comes from the directory entry when the file system says (no `lstat` each).
    public func list(_ path: String = "", sizes: Bool = true) throws(ConfinedFileError) -> [Entry] {
        try entries(in: openFolder(path), path: path, kindsFromDirectory: !sizes).sorted { $0.name < $1.name }
    }

    /// The names in the open folder `descriptor` (closed here), each with what it is: as `lstat`
    /// sees it or, with `kindsFromDirectory`, as the directory entry says when the file system
    /// tells (a file's size is then not looked up: 0), `lstat` otherwise.
    func entries(in descriptor: Int32, path: String, kindsFromDirectory: Bool) throws(ConfinedFileError) -> [Entry] {
        guard let stream = fdopendir(descriptor) else {
            let code = errno
            close(descriptor)
            throw error(code, path: path)
        }
        defer { closedir(stream) }  // closes `descriptor` too
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let known: Kind? = kindsFromDirectory ? Self.kind(ofEntryType: entry.pointee.d_type) : nil
            entries.append(Entry(name: name, kind: known ?? Self.kind(at: dirfd(stream), name: name)))
        }
        return entries
    }

    /// What a directory entry's `d_type` says a name is; nil when the file system does not say.
    private static func kind(ofEntryType type: UInt8) -> Kind? {
        switch Int32(type) {
        case Int32(DT_REG): .file(size: 0)
        case Int32(DT_DIR): .folder
        case Int32(DT_LNK): .link
        case Int32(DT_FIFO), Int32(DT_SOCK), Int32(DT_CHR), Int32(DT_BLK): .other
        default: nil
        }
    }

    // MARK: - Paths

    /// Whether `path` is a plain relative path: `/`-separated names, none empty, `.` or `..`,
    /// no NUL. Anything else could leave the folder and is refused before any call.
    public static func isConfined(_ path: String) -> Bool {
        components(of: path) != nil
    }

    /// The names of a plain relative path, split at every `/` byte as the kernel does; nil when
    /// `path` is not plain (see ``isConfined(_:)``). Never split by `Character`: a `/` followed
    /// by a combining mark (`../\u{301}x`) is one `Character` that is not `/`, so `..` would hide
    /// inside a longer "name" and the kernel would climb out of the folder.
    public static func components(of path: String) -> [String]? {
        let bytes = path.utf8
        guard let first = bytes.first, first != UInt8(ascii: "/"), !bytes.contains(0) else { return nil }
        var names: [String] = []
        for part in bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            guard !part.isEmpty, !part.elementsEqual(".".utf8), !part.elementsEqual("..".utf8) else { return nil }
            names.append(String(decoding: part, as: UTF8.self))
        }
        return names
    }

    /// The root, opened (following it if it is itself a link).
    private func openRoot() throws(ConfinedFileError) -> Int32 {
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(errno, path: "", opening: true) }
        return descriptor
    }

    /// The folder at `path` (`""` for the root), each component opened without following links.
    func openFolder(_ path: String) throws(ConfinedFileError) -> Int32 {
        if path.isEmpty { return try openRoot() }
        let (parent, name) = try openParent(of: path)
        defer { close(parent) }
        let descriptor = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw error(errno, path: path, opening: true) }
        return descriptor
    }

    /// The folder holding the last component of `path` (opened) and that component's name.
    private func openParent(of path: String) throws(ConfinedFileError) -> (Int32, String) {
        guard var parts = Self.components(of: path) else {
            throw ConfinedFileError(path: describe(path), problem: .outsideTheFolder)
        }
        let name = parts.removeLast()
        var descriptor = try openRoot()
        var walked = ""
        for part in parts {
            walked += walked.isEmpty ? part : "/" + part
            let next = openat(descriptor, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            let code = errno
            close(descriptor)
            guard next >= 0 else { throw error(code, path: walked, opening: true) }
            descriptor = next
        }
        return (descriptor, name)
    }

    static func kind(at folder: Int32, name: String) -> Kind {
        var status = stat()
        guard fstatat(folder, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file(size: Int(status.st_size))
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .other
        }
    }

    // MARK: - Errors

    private func describe(_ path: String) -> String {
        path.isEmpty ? root.path : root.path + "/" + path
    }

    /// `ELOOP` from an `O_NOFOLLOW` open means the name is a link (and `ENOTDIR` from an
    /// `O_DIRECTORY | O_NOFOLLOW` open, a link or a file where a folder should be).
    func error(_ code: Int32, path: String, opening: Bool = false) -> ConfinedFileError {
        let problem: ConfinedFileError.Problem
        switch code {
        case ENOENT: problem = .missing
        case ELOOP where opening: problem = .symbolicLink
        case ENOTDIR where opening:
            problem = kind(of: path) == .link ? .symbolicLink : .notAFolder
        default: problem = .io(String(cString: strerror(code)))
        }
        return ConfinedFileError(path: describe(path), problem: problem)
    }
}

/// A file of a ``ConfinedFolder`` that was not read, naming the path and why.
public struct ConfinedFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case missing
        /// A symbolic link inside the folder: never followed.
        case symbolicLink
        case notARegularFile
        case notAFolder
        case tooLarge(limit: Int)
        /// An absolute path, `..`, an empty name or NUL.
        case outsideTheFolder
        case io(String)
    }

    public var path: String
    public var problem: Problem

    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The end of a sentence that starts with the path.
    public var reason: String {
        switch problem {
        case .missing: "does not exist"
        case .symbolicLink: "is a symbolic link (links inside the folder are never followed)"
        case .notARegularFile: "is not a regular file (a FIFO, device or socket is never read)"
        case .notAFolder: "is not a folder"
        case .tooLarge(let limit): "is larger than the limit of \(limit) bytes"
        case .outsideTheFolder: "is not a plain relative path inside the folder"
        case .io(let reason): "cannot be read (\(reason))"
        }
    }

    public var description: String { "\(path) \(reason)" }
}
