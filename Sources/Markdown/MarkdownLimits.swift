/// How much Markdown is parsed at all. libcmark-gfm 0.29.0.gfm.6 (Debian 12's) is super-linear on
/// some shapes: a table row of thousands of columns (120 KB: 6 s), deeply nested block quotes and
/// lists, long runs of `a@a@…` autolink candidates. Text beyond these bounds is refused before
/// the parser sees it, so one hostile story or post costs milliseconds, not a build.
public struct MarkdownLimits: Sendable, Equatable {
    /// The most UTF-8 bytes of one document (a story, or one post's text).
    public var maximumBytes: Int
    /// The deepest nesting of block quotes and lists, as read from each line's start (`>`, `-`,
    /// `*`, `+`, `1.` markers, plus one level per four columns of indentation before them): an
    /// estimate that can only run high.
    public var maximumNesting: Int
    /// The most `|` on one line (a table row's columns).
    public var maximumTableColumns: Int

    public static let defaults = MarkdownLimits(maximumBytes: 128 << 10, maximumNesting: 16, maximumTableColumns: 64)

    public init(maximumBytes: Int, maximumNesting: Int, maximumTableColumns: Int) {
        self.maximumBytes = maximumBytes
        self.maximumNesting = maximumNesting
        self.maximumTableColumns = maximumTableColumns
    }

    /// Throws when `markdown` is over a bound. One pass over the bytes, line by line; lines inside
    /// fenced code blocks count for size only (code may be indented deeply and hold `|`).
    public func check(_ markdown: String) throws(MarkdownRefusal) {
        let count = markdown.utf8.count
        guard count <= maximumBytes else { throw .tooLarge(bytes: count, limit: maximumBytes) }
        var text = markdown
        let refusal: MarkdownRefusal? = text.withUTF8 { bytes in
            var fence: (byte: UInt8, length: Int)?
            var number = 0
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                number += 1
                let line = bytes[start..<end]
                start = end + 1
                let (nesting, rest) = Self.containerPrefix(line)
                let run = Self.fenceRun(line[rest...])
                if let open = fence {
                    if run?.byte == open.byte, run!.length >= open.length { fence = nil }
                    continue
                }
                if let run { fence = run }
                guard nesting <= maximumNesting else { return .tooDeep(depth: nesting, limit: maximumNesting, line: number) }
                var pipes = 0
                for byte in line where byte == UInt8(ascii: "|") { pipes += 1 }
                guard pipes - 1 <= maximumTableColumns else {  // n + 1 pipes bound n cells
                    return .tooManyColumns(count: pipes - 1, limit: maximumTableColumns, line: number)
                }
            }
            return nil
        }
        if let refusal { throw refusal }
    }

    typealias Line = Slice<UnsafeBufferPointer<UInt8>>

    /// The nesting a line's start opens (block quote and list markers, plus a level per four
    /// columns of indentation) and where its text starts.
    static func containerPrefix(_ line: Line) -> (nesting: Int, rest: Int) {
        var index = line.startIndex
        var markers = 0, columns = 0
        func isBlank(_ at: Int) -> Bool {
            at == line.endIndex || line[at] == 0x20 || line[at] == 0x09
        }
        while index < line.endIndex {
            let byte = line[index]
            if byte == 0x20 || byte == 0x09 {
                // Indentation before the first marker nests lists; spaces between markers do not.
                if markers == 0 { columns += byte == 0x09 ? 4 : 1 }
                index += 1
            } else if byte == UInt8(ascii: ">") {
                markers += 1
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"), isBlank(index + 1) {
                markers += 1
                index += 1
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index
                while end < line.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[end]) { end += 1 }
                guard end < line.endIndex, line[end] == UInt8(ascii: ".") || line[end] == UInt8(ascii: ")"),
                    isBlank(end + 1)
                else { break }
                markers += 1
                index = end + 1
            } else {
                break
            }
        }
        return (markers + columns / 4, index)
    }

    /// A run of three or more backticks or tildes at the start of `text`: a code fence.
    static func fenceRun(_ text: Line) -> (byte: UInt8, length: Int)? {
        guard let first = text.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
        var length = 0
        for byte in text {
            guard byte == first else { break }
            length += 1
        }
        return length >= 3 ? (first, length) : nil
    }
}

/// Markdown refused before parsing, as the end of a sentence about the document.
public enum MarkdownRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case tooLarge(bytes: Int, limit: Int)
    case tooDeep(depth: Int, limit: Int, line: Int)
    case tooManyColumns(count: Int, limit: Int, line: Int)

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            "its Markdown is \(bytes) bytes, more than markdown.maxBytes (\(limit))"
        case .tooDeep(let depth, let limit, let line):
            "its Markdown nests block quotes or lists about \(depth) levels deep at line \(line), more than markdown.maxNesting (\(limit))"
        case .tooManyColumns(let count, let limit, let line):
            "its Markdown has a table row of \(count) columns at line \(line), more than markdown.maxTableColumns (\(limit))"
        }
    }
}
