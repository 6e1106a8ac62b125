/// The deepest `[`/`{` nesting YAML text can reach, over-estimated without parsing it.
///
/// Whether a `'` or `"` opens a quoted scalar (inside which brackets do not count) depends on
/// where it stands: at the start of a node it does, inside a plain scalar (`it's`, `b 'c`) or a
/// literal block it does not, and after a line break that may continue a multi-line plain
/// scalar only the indentation of the enclosing block tells. Guessing wrong in the one direction
/// that matters (a quote taken as opening that is plain text) hides every bracket up to the next
/// quote: `a: x'` followed by `b: [[[[…` went through when every quote counted as an opening
/// one. So the scan never guesses: where the reading is ambiguous it follows every reading at
/// once, as a set of (state, depth) pairs, and reports the deepest any of them reaches. The real
/// parse is one of those readings, so the result can only run high, never low; it runs high only
/// for text with unbalanced brackets inside quotes after an ambiguous spot. Each state's depths
/// are one bit set, so the scan is one pass over the bytes whatever the text.
///
/// Readings are kept no wider than YAML allows, so that what the pipeline writes is never
/// refused on reading it back: a line continues a plain scalar only after a line that ended in
/// one; outside any `[`/`{`, brackets in a plain scalar are text (`x: a [b]`); and the lines of a
/// block scalar (`|`, `>`) are its text or the end of it by their indentation (``BlockScalar``).
struct YAMLFlowDepth {
    /// Where the scan is, in one reading.
    private enum Mode: Int, CaseIterable {
        /// Between tokens: a quote here opens a quoted scalar.
        case token
        /// Inside a plain scalar: quotes are text.
        case plain
        case singleQuoted
        /// After the first `'` of a `''` in a single-quoted scalar.
        case singleQuotedEscape
        case doubleQuoted
        /// After a `\` in a double-quoted scalar.
        case doubleQuotedEscape
        /// A tag, anchor or alias: text up to the next blank (tags may hold `'`, `[` and `]`).
        case property
        /// To the end of the line, nothing counts: a comment or a directive.
        case restOfLine
        /// The rest of a block scalar's header line (`|2- # note`): nothing counts.
        case blockHeader
        /// A line of a block scalar's text: nothing counts.
        case blockText
    }

    /// Depths reached so far, per mode: bit `d` set when depth `d` is possible.
    private var depths = [UInt64](repeating: 0, count: Mode.allCases.count)
    /// Depths beyond this are reported as soon as any reading reaches them.
    private let limit: Int
    /// The block scalar the readings in `.blockHeader` or `.blockText` are in.
    private var block = BlockScalar.unknown

    private init(limit: Int) {
        self.limit = min(limit, 62)
        depths[Mode.token.rawValue] = 1
    }

    /// The deepest nesting of `text`, or `limit + 1` as soon as some reading goes beyond `limit`.
    static func deepest(in text: String, limit: Int) -> Int {
        var scan = YAMLFlowDepth(limit: limit)
        let bytes = Array(text.utf8)
        var deepest = 0
        var lineStart = 0
        var lineIndent: Int?
        for index in bytes.indices {
            let previous = index > 0 ? bytes[index - 1] : 0x0A
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
            let breaksLine = isLineBreak(bytes, at: index)
            if bytes[index] == UInt8(ascii: "|") || bytes[index] == UInt8(ascii: ">"), scan.depths[Mode.token.rawValue] != 0 {
                if lineIndent == nil { lineIndent = NextLine.spaces(in: bytes, from: lineStart) }
                scan.header = BlockScalar(header: bytes, at: index, lineStart: lineStart, indent: lineIndent ?? 0)
            }
            scan.nextLine = breaksLine ? NextLine(bytes, from: index + 1) : nil
            scan.step(bytes[index], previous: previous, next: next, breaksLine: breaksLine)
            if breaksLine { lineStart = index + 1; lineIndent = nil }
            let reached = scan.deepestReached
            if reached > scan.limit { return scan.limit + 1 }
            deepest = max(deepest, reached)
        }
        return deepest
    }

    private var deepestReached: Int {
        let all = depths.reduce(0, |)
        return all == 0 ? 0 : 63 - all.leadingZeroBitCount
    }

    // MARK: - One byte, every reading

    /// What a `|` or `>` at the current byte would start, if it is a header.
    private var header = BlockScalar.unknown
    /// The line after the current byte, when that byte ends a line.
    private var nextLine: NextLine?

    private mutating func step(_ byte: UInt8, previous: UInt8, next: UInt8, breaksLine: Bool) {
        var out = [UInt64](repeating: 0, count: depths.count)
        func add(_ mode: Mode, _ set: UInt64) { out[mode.rawValue] |= set }
        var nextBlock = block
        let wasInBlock = depths[Mode.blockHeader.rawValue] | depths[Mode.blockText.rawValue] != 0
        let opened = { (set: UInt64) in set << 1 }
        let closed = { (set: UInt64) in (set >> 1) | (set & 1) }  // never below zero
        for mode in Mode.allCases {
            let set = depths[mode.rawValue]
            guard set != 0 else { continue }
            switch mode {
            case .singleQuoted:
                if byte == UInt8(ascii: "'") {
                    add(next == UInt8(ascii: "'") ? .singleQuotedEscape : .token, set)
                } else {
                    add(.singleQuoted, set)
                }
            case .singleQuotedEscape: add(.singleQuoted, set)
            case .doubleQuoted:
                if byte == UInt8(ascii: "\\") {
                    add(.doubleQuotedEscape, set)
                } else if byte == UInt8(ascii: "\"") {
                    add(.token, set)
                } else {
                    add(.doubleQuoted, set)
                }
            case .doubleQuotedEscape: add(.doubleQuoted, set)
            case .blockHeader, .blockText:
                guard breaksLine else { add(mode, set); continue }
                // A CR before an LF is not the end of the line yet: the LF is.
                guard byte != 0x0D || next != 0x0A, let line = nextLine else { add(mode, set); continue }
                let (text, ends) = block.afterBreak(before: line)
                if let text { add(.blockText, set); nextBlock = text }
                if ends { add(.token, set) }
            case .token, .plain, .property, .restOfLine:
                if breaksLine {
                    // The next line may start a token, or continue a plain scalar if this line
                    // ended in one. Block scalars' text is followed by `.blockText`.
                    add(.token, set)
                    if mode == .plain { add(.plain, set) }
                } else if mode == .restOfLine {
                    add(.restOfLine, set)
                } else if mode == .property {
                    add(Self.isBlank(byte) ? .token : .property, set)
                } else if byte == UInt8(ascii: "#"), Self.isBlank(previous) || previous == 0x0A || previous == 0x0D {
                    add(.restOfLine, set)
                } else if mode == .plain {
                    stepInPlain(byte, next: next, set: set, add: add, opened: opened, closed: closed)
                } else {
                    if byte == UInt8(ascii: "|") || byte == UInt8(ascii: ">") {
                        // A header: readings already in another block scalar share what is known.
                        nextBlock = wasInBlock || out[Mode.blockHeader.rawValue] != 0 ? nextBlock.merged(with: header) : header
                    }
                    stepAtToken(byte, next: next, set: set, add: add, opened: opened, closed: closed)
                }
            }
        }
        block = nextBlock
        depths = out
    }

    private func stepAtToken(
        _ byte: UInt8, next: UInt8, set: UInt64, add: (Mode, UInt64) -> Void,
        opened: (UInt64) -> UInt64, closed: (UInt64) -> UInt64
    ) {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: ","): add(.token, set)
        case UInt8(ascii: "["), UInt8(ascii: "{"): add(.token, opened(set))
        case UInt8(ascii: "]"), UInt8(ascii: "}"): add(.token, closed(set))
        case UInt8(ascii: "'"): add(.singleQuoted, set)
        case UInt8(ascii: "\""): add(.doubleQuoted, set)
        case UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "*"): add(.property, set)
        case UInt8(ascii: "|"), UInt8(ascii: ">"): add(.blockHeader, set)
        case UInt8(ascii: "%"): add(.restOfLine, set)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            // An indicator when a blank follows; otherwise maybe the start of a plain scalar
            // (`-1`, `:x`), maybe not (`---`, `{a:"b"}`): both.
            add(.token, set)
            if !Self.isBlank(next), next != 0x0A, next != 0x0D { add(.plain, set) }
        default: add(.plain, set)
        }
    }

    private func stepInPlain(
        _ byte: UInt8, next: UInt8, set: UInt64, add: (Mode, UInt64) -> Void,
        opened: (UInt64) -> UInt64, closed: (UInt64) -> UInt64
    ) {
        switch byte {
        case UInt8(ascii: ":") where Self.isBlank(next) || next == 0x0A || next == 0x0D:
            add(.token, set)
        case UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            // Ends the scalar in a flow collection, is text in a block one (depth 0): both.
            let inFlow = set & ~1
            add(.plain, set)
            guard inFlow != 0 else { return }
            switch byte {
            case UInt8(ascii: "["), UInt8(ascii: "{"): add(.token, opened(inFlow))
            case UInt8(ascii: "]"), UInt8(ascii: "}"): add(.token, closed(inFlow))
            default: add(.token, inFlow)
            }
        default: add(.plain, set)
        }
    }

    // MARK: - Bytes

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// Whether the line ends at `index`: LF, CR, or the last byte of NEL (C2 85), LS (E2 80 A8)
    /// or PS (E2 80 A9), which YAML breaks lines at too.
    private static func isLineBreak(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case 0x0A, 0x0D: return true
        case 0x85: return index >= 1 && bytes[index - 1] == 0xC2
        case 0xA8, 0xA9: return index >= 2 && bytes[index - 2] == 0xE2 && bytes[index - 1] == 0x80
        default: return false
        }
    }
}
