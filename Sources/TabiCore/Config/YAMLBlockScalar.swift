/// What ``YAMLFlowDepth`` knows of a block scalar (`|` or `>`) its readings may be in, to tell
/// which following lines are its text (where brackets do not count) and which may end it.
///
/// Its text is indented: with an indicator (`|2`), `parent + 2` spaces, where `parent` is the
/// indentation of the block collection holding it; without, as many as its first line that is not
/// empty, at least `parent + 1` and at least as many as the empty lines before it. A line that is
/// not empty and indented less ends it. `parent` is known from the header's own line when that
/// line is `key: |` or `- |` (after any `- `, `? `, `: `); otherwise the first line of text may
/// be a token as well, and with an indicator every line may be. Readings in two different block
/// scalars at once share `unknown`: every line may be either.
struct BlockScalar: Equatable {
    /// Whether the fields below hold; when not, every line is text and may end it too.
    private var known: Bool
    private var parent: Int?
    private var indicator: Int?
    private var textIndent: Int?
    private var emptyIndent = 0

    static let unknown = BlockScalar(known: false)

    private init(known: Bool, parent: Int? = nil, indicator: Int? = nil) {
        self.known = known
        self.parent = parent
        self.indicator = indicator
    }

    /// The block scalar a header at `index` starts, from what its line holds before it.
    /// The key is looked at only when it could be an implicit one (at most 1,024 characters).
    init(header bytes: [UInt8], at index: Int, lineStart: Int, indent: Int) {
        self.init(known: true)
        var cursor = index + 1
        for _ in 0..<2 where cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: "1")...UInt8(ascii: "9") where indicator == nil: indicator = Int(bytes[cursor] - UInt8(ascii: "0"))
            case UInt8(ascii: "+"), UInt8(ascii: "-"): break
            default: cursor = bytes.count; continue
            }
            cursor += 1
        }
        var start = lineStart + indent
        var lastIndicator: Int?
        while start < index, [UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":")].contains(bytes[start]),
            start + 1 < bytes.count, bytes[start + 1] == 0x20
        {
            lastIndicator = start - lineStart
            start += 1
            while start < index, bytes[start] == 0x20 { start += 1 }
        }
        if start == index {
            parent = lastIndicator
        } else if index - start <= 1_100, bytes[index - 1] == 0x20 {
            var colon = index - 1
            while colon > start, bytes[colon] == 0x20 { colon -= 1 }
            if colon > start, bytes[colon] == UInt8(ascii: ":") { parent = start - lineStart }
        }
    }

    func merged(with other: BlockScalar) -> BlockScalar { self == other ? self : .unknown }

    /// After a line break: what a reading in this block scalar is on `line` — still in its
    /// text (and what is then known), and whether the block may have ended there.
    func afterBreak(before line: NextLine) -> (text: BlockScalar?, ends: Bool) {
        guard known else { return (self, true) }
        guard let spaces = line.spaces else {
            var next = self
            if textIndent == nil { next.emptyIndent = max(emptyIndent, line.emptySpaces) }
            return (next, false)
        }
        if let indent = textIndent ?? parent.flatMap({ p in indicator.map { p + $0 } }) {
            var next = self
            next.textIndent = indent
            return spaces >= indent ? (next, false) : (nil, true)
        }
        if indicator != nil { return (self, true) }
        var next = self
        next.textIndent = spaces
        let least = max(emptyIndent, (parent ?? 0) + 1, 1)
        if spaces < least { return (nil, true) }
        return (next, parent == nil)
    }
}

/// How the line after a line break starts: how many spaces, and whether that is all it holds.
struct NextLine {
    /// The spaces that start it, unless it is empty (spaces, then a line break or the end).
    let spaces: Int?
    /// The spaces of an empty line.
    let emptySpaces: Int

    init(_ bytes: [UInt8], from start: Int) {
        let count = Self.spaces(in: bytes, from: start)
        let after = start + count
        let empty =
            after >= bytes.count || bytes[after] == 0x0A || bytes[after] == 0x0D
            || (bytes[after] == 0xC2 && after + 1 < bytes.count && bytes[after + 1] == 0x85)
            || (bytes[after] == 0xE2 && after + 2 < bytes.count && bytes[after + 1] == 0x80
                && (bytes[after + 2] == 0xA8 || bytes[after + 2] == 0xA9))
        spaces = empty ? nil : count
        emptySpaces = count
    }

    static func spaces(in bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index - start
    }
}
