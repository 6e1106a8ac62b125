import Foundation

/// A file the caller opened (without following links, say), sent through its descriptor and
/// never opened again by path: a name swapped for a link between the check and the send
/// cannot change what is read. The descriptor is closed when the last reference goes away.
///
/// Reads are positional (`pread`), so retries, parallel parts of one file and the signing hash
/// can share one descriptor without sharing a file offset.
public final class HTTPOpenFile: Sendable, Hashable {
    /// The open descriptor, owned by this object.
    public let descriptor: Int32
    /// The path it was opened as, for messages only.
    public let path: String

    /// Takes ownership of `descriptor`.
    public init(adopting descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// The size now (`fstat`), or `nil` when it cannot be read.
    public var size: Int64? {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : nil
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file); throws the system's
    /// reason when the read fails.
    public func read(offset: Int64, count: Int) throws(HTTPOpenFile.ReadError) -> Data {
        var data = Data(count: count)
        var got = 0
        while got < count {
            let result = data.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress! + got, count - got, off_t(offset + Int64(got)))
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: "cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if result == 0 { break }
            got += result
        }
        data.count = got
        return data
    }

    /// Why a read failed, naming the file.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public static func == (a: HTTPOpenFile, b: HTTPOpenFile) -> Bool { a === b }

    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
