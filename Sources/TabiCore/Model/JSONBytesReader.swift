import Foundation

/// Reads JSON from its bytes, value by value, for the fast paths that decode our own files
/// without `JSONDecoder` (``TripJSONReader``, the build's page records): each reader takes what
/// it knows and gives up (``JSONGiveUp``) on anything it is not sure `JSONDecoder` reads the
/// same way: malformed JSON, a known key twice, a fraction where an integer goes, invalid
/// UTF-8 or escapes. The caller then lets `JSONDecoder` decide. Unknown keys are skipped up to
/// a nesting of 64.
package struct JSONBytesReader {
    package let bytes: UnsafeBufferPointer<UInt8>
    package var index = 0

    package init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    package var isAtEnd: Bool { index == bytes.count }

    /// What `body` reads from the whole of `data` (nothing but white space after it); nil when
    /// it gives up.
    package static func read<T>(_ data: some ContiguousBytes, _ body: (inout JSONBytesReader) throws(JSONGiveUp) -> T) -> T? {
        data.withUnsafeBytes { raw in
            var reader = JSONBytesReader(bytes: raw.bindMemory(to: UInt8.self))
            do {
                let value = try body(&reader)
                reader.skipWhitespace()
                return reader.isAtEnd ? value : nil
            } catch {
                return nil
            }
        }
    }

    /// The known keys of an object seen so far, one bit each: a repeated one gives up (which of
    /// two values `JSONDecoder` keeps is its business), and so does a missing required one.
    package struct Seen {
        var bits: UInt32 = 0

        package init() {}

        package mutating func mark(_ bit: Int) throws(JSONGiveUp) {
            guard bits & 1 << bit == 0 else { throw JSONGiveUp() }
            bits |= 1 << bit
        }

        package func check(required: [Int]) throws(JSONGiveUp) {
            for bit in required where bits & 1 << bit == 0 { throw JSONGiveUp() }
        }
    }

    // MARK: - Values

    package mutating func optional<T>(_ read: (inout JSONBytesReader) throws(JSONGiveUp) -> T) throws(JSONGiveUp) -> T? {
        skipWhitespace()
        if literal("null") { return nil }
        return try read(&self)
    }

    package mutating func raw<T: RawRepresentable>(_: T.Type) throws(JSONGiveUp) -> T where T.RawValue == String {
        guard let value = T(rawValue: try string()) else { throw JSONGiveUp() }
        return value
    }

    package mutating func date() throws(JSONGiveUp) -> CalendarDate {
        guard let date = CalendarDate(try string()) else { throw JSONGiveUp() }
        return date
    }

    package mutating func timestamp() throws(JSONGiveUp) -> Timestamp {
        guard let timestamp = Timestamp(try string()) else { throw JSONGiveUp() }
        return timestamp
    }

    package mutating func object(_ member: (inout JSONBytesReader, String) throws(JSONGiveUp) -> Void) throws(JSONGiveUp) {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            guard let next = peek else { throw JSONGiveUp() }
            index += 1
            if next == UInt8(ascii: "}") { return }
            guard next == UInt8(ascii: ",") else { throw JSONGiveUp() }
        }
    }

    package mutating func array<T>(_ element: (inout JSONBytesReader) throws(JSONGiveUp) -> T) throws(JSONGiveUp) -> [T] {
        try expect(UInt8(ascii: "["))
        var out: [T] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") { index += 1; return out }
        while true {
            skipWhitespace()
            out.append(try element(&self))
            skipWhitespace()
            guard let next = peek else { throw JSONGiveUp() }
            index += 1
            if next == UInt8(ascii: "]") { return out }
            guard next == UInt8(ascii: ",") else { throw JSONGiveUp() }
        }
    }

    package mutating func skipValue(depth: Int) throws(JSONGiveUp) {
        guard depth < 64 else { throw JSONGiveUp() }
        skipWhitespace()
        switch peek {
        case UInt8(ascii: "{"):
            try object { (reader, _) throws(JSONGiveUp) in try reader.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            _ = try array { r throws(JSONGiveUp) in try r.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): guard literal("true") else { throw JSONGiveUp() }
        case UInt8(ascii: "f"): guard literal("false") else { throw JSONGiveUp() }
        case UInt8(ascii: "n"): guard literal("null") else { throw JSONGiveUp() }
        default: _ = try double()
        }
    }

    package mutating func string() throws(JSONGiveUp) -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            // A run of plain bytes, copied whole rather than a byte at a time: a post's text has an
            // escaped line break every few lines.
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                guard bytes[index] >= 0x20 else { throw JSONGiveUp() }
                index += 1
            }
            guard index < bytes.count else { throw JSONGiveUp() }
            let run = UnsafeBufferPointer(rebasing: bytes[start..<index])
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                if out.isEmpty, let text = String(validating: run, as: UTF8.self) { return text }
                out.append(contentsOf: run)
                guard let text = String(validating: out, as: UTF8.self) else { throw JSONGiveUp() }
                return text
            }
            out.append(contentsOf: run)
            guard index < bytes.count else { throw JSONGiveUp() }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hex4()
                if (0xD800...0xDBFF).contains(value) {
                    guard literal("\\u") else { throw JSONGiveUp() }
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw JSONGiveUp() }
                    value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(value) else { throw JSONGiveUp() }
                UTF8.encode(scalar) { out.append($0) }
            default: throw JSONGiveUp()
            }
        }
    }

    package mutating func hex4() throws(JSONGiveUp) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONGiveUp() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONGiveUp()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A JSON number, as its bytes: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    package mutating func number() throws(JSONGiveUp) -> (text: Slice<UnsafeBufferPointer<UInt8>>, isInteger: Bool) {
        skipWhitespace()
        let start = index
        func digits(_ reader: inout JSONBytesReader) -> Int {
            let from = reader.index
            while reader.index < reader.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index]) {
                reader.index += 1
            }
            return reader.index - from
        }
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") { index += 1 } else if digits(&self) == 0 { throw JSONGiveUp() }
        var isInteger = true
        if peek == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits(&self) > 0 else { throw JSONGiveUp() }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw JSONGiveUp() }
        }
        return (bytes[start..<index], isInteger)
    }

    package mutating func double() throws(JSONGiveUp) -> Double {
        let (text, _) = try number()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw JSONGiveUp() }
        return value
    }

    package mutating func int() throws(JSONGiveUp) -> Int {
        let (text, isInteger) = try number()
        guard isInteger, let value = Int(String(decoding: text, as: UTF8.self)) else { throw JSONGiveUp() }
        return value
    }

    // MARK: - Bytes

    package var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    package mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    package mutating func expect(_ byte: UInt8) throws(JSONGiveUp) {
        skipWhitespace()
        guard peek == byte else { throw JSONGiveUp() }
        index += 1
    }

    /// Consumes `word` when the bytes start with it.
    package mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }
}

/// Why a fast path gave up (never shown: `JSONDecoder` then says what is wrong).
package struct JSONGiveUp: Error {
    package init() {}
}
