/// Where JSON text needs escaping, found fast: ``TripJSONWriter`` scans every text of every trip.
enum JSONEscape {
    /// The index of the first byte at or after `start` that JSON must escape (a control character,
    /// `"` or `\`), or `bytes.count`. Eight bytes at a time: this scans every text of every trip.
    static func firstIndex(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                // A high bit per byte that is below 0x20, or equal to `"` or `\` (exact for every
                // byte: each test subtracts from bytes that cannot borrow from their neighbour).
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let control = (word & ~highs) &+ (ones &* (0x80 - 0x20))
                let zeroQuote = ((quote & ~highs) &+ ~highs) | quote
                let zeroBackslash = ((backslash & ~highs) &+ ~highs) | backslash
                let found = (~control & ~word | ~zeroQuote | ~zeroBackslash) & highs
                if found != 0 { return index + found.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index += 1
        }
        return index
    }
}
