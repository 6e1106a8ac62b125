import Foundation

/// The request body as libcurl's read callback sees it: bytes from memory or a file region,
/// readable from any position (libcurl rewinds when it resends on a fresh connection).
struct CurlBodySource {
    private enum Storage {
        case empty
        case data(Data)
        /// `owner` holds a caller's open file (which closes it); without one the descriptor is ours.
        case file(descriptor: Int32, start: Int64, path: String, owner: HTTPOpenFile?)
    }

    /// Why a body cannot be sent, naming the file.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private var storage: Storage
    /// The number of bytes the body sends.
    let length: Int64
    private var position: Int64 = 0
    /// Set when a read failed, so the transfer can say why it stopped.
    private(set) var failure: String?

    static let empty = CurlBodySource(storage: .empty, length: 0)

    private init(storage: Storage, length: Int64) {
        self.storage = storage
        self.length = length
    }

    init(_ body: HTTPBody) throws(Failure) {
        switch body {
        case .empty:
            self = .empty
        case .data(let data):
            self.init(storage: .data(data), length: Int64(data.count))
        case .file(let region):
            self = try Self.open(region)
        }
    }

    private static func open(_ region: HTTPFileRegion) throws(Failure) -> CurlBodySource {
        let fd = region.opened?.descriptor ?? Foundation.open(region.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(description: "cannot open \(region.path): \(String(cString: strerror(errno)))") }
        func closeOurs() { if region.opened == nil { Foundation.close(fd) } }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            closeOurs()
            throw Failure(description: "cannot stat \(region.path): \(reason)")
        }
        let size = Int64(info.st_size)
        let length = region.length ?? (size - region.offset)
        guard region.offset >= 0, length >= 0, region.offset + length <= size else {
            closeOurs()
            throw Failure(description: "\(region.path) has \(size) bytes, fewer than offset \(region.offset) + length \(length)")
        }
        return CurlBodySource(
            storage: .file(descriptor: fd, start: region.offset, path: region.path, owner: region.opened),
            length: length)
    }

    /// Copies the next bytes into `buffer`; 0 at the end, `nil` when the file could not be read.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        let wanted = Int(min(Int64(buffer.count), length - position))
        guard wanted > 0 else { return 0 }
        switch storage {
        case .empty:
            return 0
        case .data(let data):
            let start = data.startIndex + Int(position)
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + wanted))
            position += Int64(wanted)
            return wanted
        case .file(let fd, let start, let path, _):
            let got = pread(fd, buffer.baseAddress, wanted, off_t(start + position))
            guard got > 0 else {
                failure =
                    got < 0
                    ? "cannot read \(path): \(String(cString: strerror(errno)))"
                    : "\(path) ended early (it changed while being sent)"
                return nil
            }
            position += Int64(got)
            return got
        }
    }

    /// Moves to `offset` from the start of the body; `false` when out of range.
    mutating func seek(to offset: Int64) -> Bool {
        guard offset >= 0, offset <= length else { return false }
        position = offset
        return true
    }

    /// Closes the file, if it opened it (a caller's open file stays open for its owner).
    mutating func close() {
        if case .file(let fd, _, _, nil) = storage { Foundation.close(fd) }
        storage = .empty
    }
}
