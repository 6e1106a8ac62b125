import Foundation

/// An exclusive `flock` on a lock file, held while `body` runs: what makes a read-then-write of
/// one file atomic among processes on one machine (a folder standing in for a bucket has no
/// conditional writes). The lock file is created if missing and never followed if it is a link.
public enum FileLock {
    /// Runs `body` holding the lock on `url`, waiting for any other holder first.
    public static func withLock<T>(at url: URL, _ body: () throws -> T) throws -> T {
        let descriptor = open(url.path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw FileError(path: url.path, action: "open the lock file", reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw FileError(path: url.path, action: "lock", reason: String(cString: strerror(errno)))
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }
}
