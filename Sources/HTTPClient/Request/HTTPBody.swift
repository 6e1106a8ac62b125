import Foundation

/// What a request sends after its headers.
public enum HTTPBody: Sendable, Hashable {
    /// No body. PUT and POST still send `Content-Length: 0`.
    case empty
    /// Bytes held in memory.
    case data(Data)
    /// A region of a file, streamed from disk while sending (multipart parts of large files).
    case file(HTTPFileRegion)

    /// A body holding the UTF-8 bytes of `text`.
    public static func text(_ text: String) -> HTTPBody { .data(Data(text.utf8)) }

    /// `length` bytes of the file at `path` from `offset`; `length` `nil` means to the end of the file.
    public static func file(path: String, offset: Int64 = 0, length: Int64? = nil) -> HTTPBody {
        .file(HTTPFileRegion(path: path, offset: offset, length: length))
    }

    /// `length` bytes of an open file from `offset`, read through its descriptor (never
    /// reopened by path); `length` `nil` means to the end of the file.
    public static func file(_ file: HTTPOpenFile, offset: Int64 = 0, length: Int64? = nil) -> HTTPBody {
        .file(HTTPFileRegion(path: file.path, offset: offset, length: length, opened: file))
    }
}

/// A byte range of a file on disk: opened by path for each send, or read through a file the
/// caller opened.
public struct HTTPFileRegion: Sendable, Hashable {
    /// The file's path (only named in messages when ``opened`` is set).
    public var path: String
    /// Where the region starts, in bytes from the start of the file.
    public var offset: Int64
    /// How many bytes to send; `nil` sends everything from `offset` to the end.
    public var length: Int64?
    /// The open file to read instead of opening ``path``.
    public var opened: HTTPOpenFile?

    public init(path: String, offset: Int64 = 0, length: Int64? = nil, opened: HTTPOpenFile? = nil) {
        self.path = path
        self.offset = offset
        self.length = length
        self.opened = opened
    }
}

/// Where a response body goes.
public enum HTTPResponseDestination: Sendable, Hashable {
    /// Into `HTTPResponse.body`.
    case memory
    /// Into the file at this path (created or truncated), for large downloads. Only a 2xx body is
    /// written there; any other status keeps its (error) body in memory so it can be read. The
    /// file is written in place: write to a temporary path and rename it for an atomic result.
    case file(path: String)
}
