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
        /// To the end of the line, nothing counts: a comment, a directive, a block scalar's text.
        case restOfLine
    }

    /// Depths reached so far, per mode: bit `d` set when depth `d` is possible.
    private var depths = [UInt64](repeating: 0, count: Mode.allCases.count)
    /// Depths beyond this are reported as soon as any reading reaches them.
    private let limit: Int

    private init(limit: Int) {
        self.limit = min(limit, 62)
        depths[Mode.token.rawValue] = 1
    }

    /// The deepest nesting of `text`, or `limit + 1` as soon as some reading goes beyond `limit`.
    static func deepest(in text: String, limit: Int) -> Int {
        var scan = YAMLFlowDepth(limit: limit)
        let bytes = Array(text.utf8)
        var deepest = 0
        for index in bytes.indices {
            let previous = index > 0 ? bytes[index - 1] : 0x0A
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
            let breaksLine = isLineBreak(bytes, at: index)
            scan.step(bytes[index], previous: previous, next: next, breaksLine: breaksLine)
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

    private mutating func step(_ byte: UInt8, previous: UInt8, next: UInt8, breaksLine: Bool) {
        var out = [UInt64](repeating: 0, count: depths.count)
        func add(_ mode: Mode, _ set: UInt64) { out[mode.rawValue] |= set }
        let opened = { (set: UInt64) in set << 1 }
        let closed = { (set: UInt64) in (set >> 1) | (set & 1) }  // never below zero
        for mode in Mode.allCases {
            let set = depths[mode.rawValue]
            guard set != 0 else { continue }
            switch mode {
            case .singleQuoted:
                if byte == UInt8(ascii: "'") { add(next == UInt8(ascii: "'") ? .singleQuotedEscape : .token, set) }
                else { add(.singleQuoted, set) }
            case .singleQuotedEscape: add(.singleQuoted, set)
            case .doubleQuoted:
                if byte == UInt8(ascii: "\\") { add(.doubleQuotedEscape, set) }
                else if byte == UInt8(ascii: "\"") { add(.token, set) }
                else { add(.doubleQuoted, set) }
            case .doubleQuotedEscape: add(.doubleQuoted, set)
            case .token, .plain, .property, .restOfLine:
                if breaksLine {
                    // The next line may start a token, continue a plain scalar, or be a block scalar's text.
                    add(.token, set); add(.plain, set); add(.restOfLine, set)
                } else if mode == .restOfLine {
                    add(.restOfLine, set)
                } else if mode == .property {
                    add(Self.isBlank(byte) ? .token : .property, set)
                } else if byte == UInt8(ascii: "#"), Self.isBlank(previous) || previous == 0x0A || previous == 0x0D {
                    add(.restOfLine, set)
                } else if mode == .plain {
                    stepInPlain(byte, next: next, set: set, add: add, opened: opened, closed: closed)
                } else {
                    stepAtToken(byte, next: next, set: set, add: add, opened: opened, closed: closed)
                }
            }
        }
        depths = out
    }

    private func stepAtToken(_ byte: UInt8, next: UInt8, set: UInt64, add: (Mode, UInt64) -> Void,
                             opened: (UInt64) -> UInt64, closed: (UInt64) -> UInt64) {
        switch byte {
        case 0x20, 0x09, UInt8(ascii: ","): add(.token, set)
        case UInt8(ascii: "["), UInt8(ascii: "{"): add(.token, opened(set))
        case UInt8(ascii: "]"), UInt8(ascii: "}"): add(.token, closed(set))
        case UInt8(ascii: "'"): add(.singleQuoted, set)
        case UInt8(ascii: "\""): add(.doubleQuoted, set)
        case UInt8(ascii: "!"), UInt8(ascii: "&"), UInt8(ascii: "*"): add(.property, set)
        case UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "%"): add(.restOfLine, set)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
            // An indicator when a blank follows; otherwise maybe the start of a plain scalar
            // (`-1`, `:x`), maybe not (`---`, `{a:"b"}`): both.
            add(.token, set)
            if !Self.isBlank(next), next != 0x0A, next != 0x0D { add(.plain, set) }
        default: add(.plain, set)
        }
    }

    private func stepInPlain(_ byte: UInt8, next: UInt8, set: UInt64, add: (Mode, UInt64) -> Void,
                             opened: (UInt64) -> UInt64, closed: (UInt64) -> UInt64) {
        switch byte {
        case UInt8(ascii: ":") where Self.isBlank(next) || next == 0x0A || next == 0x0D:
            add(.token, set)
        case UInt8(ascii: ":"), UInt8(ascii: ","):
            // Ends the scalar in a flow collection, is text in a block one: both.
            add(.token, set); add(.plain, set)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            add(.token, opened(set)); add(.plain, set)
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
            add(.token, closed(set)); add(.plain, set)
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
