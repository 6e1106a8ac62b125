import Foundation

/// Why a file could not go into a ``ZipArchive``: the entry's path and one sentence.
public enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path could write outside the folder the archive is unpacked into, or means something
    /// different to different readers.
    case unsafePath(String, ZipPathProblem)
    /// A file already in the archive has these exact bytes as its path.
    case duplicatePath(String)
    /// The archive already holds 65,535 entries, the most its end record can count without ZIP64.
    case tooManyEntries(path: String)
    /// The file has more bytes than an entry's 32-bit size fields hold without ZIP64: `limit`.
    case entryTooLarge(path: String, size: Int, limit: Int)
    /// With the file, the archive would pass the last offset its 32-bit fields reach without
    /// ZIP64: `limit`.
    case archiveTooLarge(path: String, size: Int, limit: Int)
    /// zlib refused to deflate the file: the step and its status code.
    case compressionFailed(path: String, stage: String, code: Int32)

    public var description: String {
        switch self {
        case .unsafePath(let path, let problem):
            return "refusing ZIP entry path \(path.debugDescription): \(problem)"
        case .duplicatePath(let path):
            return "ZIP entry path \(path.debugDescription) is added twice"
        case .tooManyEntries(let path):
            return "cannot add \(path.debugDescription): a ZIP archive holds at most 65,535 entries without ZIP64, "
                + "which this writer does not support"
        case .entryTooLarge(let path, let size, let limit):
            return "cannot add \(path.debugDescription): it is \(size) bytes, over the \(limit) (just under 4 GiB) "
                + "a ZIP entry holds without ZIP64, which this writer does not support"
        case .archiveTooLarge(let path, let size, let limit):
            return "cannot add \(path.debugDescription): the archive would grow to \(size) bytes, past the \(limit) "
                + "(just under 4 GiB) a ZIP archive's offsets reach without ZIP64, which this writer does not support"
        case .compressionFailed(let path, let stage, let code):
            return "could not deflate ZIP entry \(path.debugDescription): zlib failed in \(stage) (status \(code))"
        }
    }
}

/// What makes an entry path unsafe. Each is found in the path's UTF-8 bytes, except
/// ``fusedSeparator``, which is about how a reader that splits text into `Character`s sees them.
public enum ZipPathProblem: Sendable, Equatable, CustomStringConvertible {
    case empty
    /// Starts with `/`.
    case absolute
    /// Ends with `/`: a folder entry; the archive holds files only, their folders are implied.
    case folder
    /// Holds `//`: an empty segment.
    case emptySegment
    /// Holds a `.` segment: the same file as the path without it.
    case currentSegment
    /// Holds a `..` segment: it climbs out of the folder the archive is unpacked into.
    case parentSegment
    /// Holds `\`, a separator on Windows.
    case backslash
    /// Holds a control character (U+0000–U+001F, U+007F), NUL included: this byte.
    case controlCharacter(UInt8)
    /// A `/` or `.` shares its `Character` with a combining mark or similar (`"a/\u{301}../b"`), so
    /// code that splits by `Character` finds other segments than the bytes hold.
    case fusedSeparator
    /// More than 65,535 bytes of UTF-8, the most a name-length field holds: this many.
    case tooLong(Int)

    public var description: String {
        switch self {
        case .empty: return "it is empty"
        case .absolute: return "it is absolute (starts with /)"
        case .folder: return "it names a folder (ends with /); only files are written, their folders are implied"
        case .emptySegment: return "it has an empty segment (//)"
        case .currentSegment: return "it has a . segment"
        case .parentSegment: return "it has a .. segment, which climbs out of the folder it is unpacked into"
        case .backslash: return "it holds a backslash, a separator on Windows"
        case .controlCharacter(let byte): return "it holds the control character " + String(format: "0x%02X", byte)
        case .fusedSeparator: return "a / or . in it is joined to a combining mark, so it reads as different segments by character"
        case .tooLong(let count): return "its \(count) bytes exceed the 65,535 a ZIP name holds"
        }
    }
}
