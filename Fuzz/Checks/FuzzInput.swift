/// Structured values read from a fuzzer's bytes, the way libFuzzer's `FuzzedDataProvider` does:
/// every input decodes to something, and a small change of bytes is a small change of value, so
/// coverage-guided mutation and seeded random bytes drive the same checks.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var index = 0

    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Whether every byte has been read (reads then give zeros).
    public var isExhausted: Bool { index >= bytes.count }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard index < bytes.count else { return 0 }
        defer { index += 1 }
        return bytes[index]
    }

    public mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A number in `range`, from one or two bytes.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound + 1
        let raw = span <= 256 ? Int(byte()) : Int(byte()) << 8 | Int(byte())
        return range.lowerBound + raw % span
    }

    public mutating func pick<T>(_ options: [T]) -> T { options[int(in: 0...(options.count - 1))] }

    /// Text of at most `pieces` pieces: mostly the alphabet's tokens, then printable ASCII,
    /// marks that glue onto the character before them, and any Unicode scalar at all.
    public mutating func text(_ alphabet: FuzzAlphabet, pieces: Int) -> String {
        var out = String.UnicodeScalarView()
        var last = ""
        var count = 0
        for _ in 0..<pieces where !isExhausted {
            let selector = byte()
            switch selector {
            case 0..<4:
                // The last piece again, up to thousands of times: sizes and depths near the limits.
                let times = int(in: 1...4096)
                for _ in 0..<times where count < Self.maximumScalars {
                    out.append(contentsOf: last.unicodeScalars)
                    count += last.unicodeScalars.count
                }
            case 4..<160:
                last = alphabet.tokens[Int(selector) % alphabet.tokens.count]
                out.append(contentsOf: last.unicodeScalars)
                count += last.unicodeScalars.count
            case 160..<200:
                out.append(Unicode.Scalar(0x20 + byte() % 95))
            case 200..<230:
                out.append(FuzzAlphabet.gluing[Int(byte()) % FuzzAlphabet.gluing.count])
            default:
                out.append(anyScalar())
            }
        }
        return String(out)
    }

    /// The most scalars one repeat grows a text to (past every limit checked, by a little).
    public static let maximumScalars = 80_000

    /// Any scalar: C0 and C1 controls, the BMP and the astral planes (never a surrogate).
    public mutating func anyScalar() -> Unicode.Scalar {
        let value = (UInt32(byte()) << 16 | UInt32(byte()) << 8 | UInt32(byte())) % 0x110000
        let plane = byte() % 4
        let folded: UInt32 =
            switch plane {
            case 0: value % 0x100  // controls, Latin-1
            case 1: value % 0x3000  // scripts, combining marks, general punctuation (U+2028, U+2029)
            case 2: value % 0x10000  // the whole BMP (U+FEFF, U+FFFE, U+FFFF)
            default: value
            }
        return Unicode.Scalar(folded) ?? "\u{FFFD}"
    }
}
