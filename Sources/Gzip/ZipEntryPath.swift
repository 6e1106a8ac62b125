import Foundation

/// Checks an entry path before it goes into a ``ZipArchive``: relative, `/`-separated, every
/// segment a plain name, so unpacking writes inside the target folder and nowhere else.
///
/// The checks run on the UTF-8 bytes, the form that is stored and that unpackers split. Never on
/// `Character`s: a `/` or `.` followed by a combining mark is one `Character`, so `"../\u{301}x"`
/// holds no `".."` `Character`-wise while its bytes climb out all the same.
enum ZipEntryPath {
    private static let slash = UInt8(ascii: "/"), dot = UInt8(ascii: "."), backslash = UInt8(ascii: "\\")

    /// The bytes to store for `path`, or why it is refused.
    static func validated(_ path: String) throws(ZipError) -> [UInt8] {
        let bytes = Array(path.utf8)
        if let problem = problem(in: bytes) ?? fusedSeparator(in: path) {
            throw .unsafePath(path, problem)
        }
        return bytes
    }

    private static func problem(in bytes: [UInt8]) -> ZipPathProblem? {
        guard let first = bytes.first, let last = bytes.last else { return .empty }
        guard bytes.count <= Int(UInt16.max) else { return .tooLong(bytes.count) }
        if first == slash { return .absolute }
        if last == slash { return .folder }
        if bytes.contains(backslash) { return .backslash }
        if let control = bytes.first(where: { $0 < 0x20 || $0 == 0x7F }) { return .controlCharacter(control) }
        for segment in bytes.split(separator: slash, omittingEmptySubsequences: false) {
            if segment.isEmpty { return .emptySegment }
            if segment.elementsEqual([dot]) { return .currentSegment }
            if segment.elementsEqual([dot, dot]) { return .parentSegment }
        }
        return nil
    }

    /// The bytes decide what the segments are; this refuses a path whose `Character`s would tell
    /// another story (`"a/\u{301}../b"` is `a`, `◌́..`, `b` in bytes but `a/́..`, `b` by `Character`),
    /// so no reader that splits text by `Character` can be led to other segments than are stored.
    private static func fusedSeparator(in path: String) -> ZipPathProblem? {
        let fused = path.contains { character in
            character.unicodeScalars.count > 1 && character.unicodeScalars.contains { $0 == "/" || $0 == "." }
        }
        return fused ? .fusedSeparator : nil
    }
}
