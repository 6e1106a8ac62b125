import Foundation

/// The text form of the two records a night reads whole, the site index and the listing index:
/// a first line naming the format and its version, then one line per row, its fields separated
/// by tabs. A field's backslash, tab, line feed and carriage return are escaped byte by byte
/// (`\\`, `\t`, `\n`, `\r`), so any text survives. It is read in a few milliseconds at 10,000
/// trips where the same rows as JSON took a good part of a second.
enum RecordLines {
    /// The text of `rows` under the header line `format`.
    static func encode(format: String, rows: [[String]]) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(rows.count * 160)
        out += format.utf8
        out.append(UInt8(ascii: "\n"))
        for row in rows {
            for (index, field) in row.enumerated() {
                if index > 0 { out.append(UInt8(ascii: "\t")) }
                for byte in field.utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                    case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                    case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                    case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                    default: out.append(byte)
                    }
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return Data(out)
    }

    /// The rows of `data`, or nil when its first line is not `format` (another version).
    /// Throws on a malformed escape.
    ///
    /// One pass over the bytes in place: each field becomes its string straight from them
    /// (only a field with an escape is copied first), with no array of lines or fields between.
    static func decode(format: String, _ data: Data) throws(RecordLinesError) -> [[String]]? {
        let result = data.withUnsafeBytes { raw -> Result<[[String]]?, RecordLinesError> in
            Result { () throws(RecordLinesError) in try decode(format: format, raw.bindMemory(to: UInt8.self)) }
        }
        return try result.get()
    }

    private static func decode(format: String, _ bytes: UnsafeBufferPointer<UInt8>) throws(RecordLinesError) -> [[String]]? {
        let newline = UInt8(ascii: "\n"), tab = UInt8(ascii: "\t"), backslash = UInt8(ascii: "\\")
        let end = bytes.count
        let headerEnd = bytes.firstIndex(of: newline) ?? end
        guard String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<headerEnd]), as: UTF8.self) == format else { return nil }
        var rows: [[String]] = []
        rows.reserveCapacity(end / 128)
        // Every row ends in a line feed (a last one without it is a row all the same).
        var at = headerEnd + 1, line = 2
        while at < end {
            var fields: [String] = []
            var fieldStart = at, hasEscape = false
            while true {
                let byte = at < end ? bytes[at] : newline
                if byte == tab || byte == newline {
                    let field = UnsafeBufferPointer(rebasing: bytes[fieldStart..<at])
                    fields.append(hasEscape ? try unescape(field, line: line) : String(decoding: field, as: UTF8.self))
                    at += 1
                    if byte == newline { break }
                    (fieldStart, hasEscape) = (at, false)
                } else {
                    if byte == backslash { hasEscape = true }
                    at += 1
                }
            }
            rows.append(fields)
            line += 1
        }
        return rows
    }

    /// A field that holds an escape, as its text.
    private static func unescape(_ field: UnsafeBufferPointer<UInt8>, line: Int) throws(RecordLinesError) -> String {
        var plain: [UInt8] = []
        plain.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case UInt8(ascii: "\\"): plain.append(byte)
                case UInt8(ascii: "t"): plain.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "n"): plain.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "r"): plain.append(UInt8(ascii: "\r"))
                default: throw RecordLinesError(line: line, reason: "an unknown escape \\\(Unicode.Scalar(byte))")
                }
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else {
                plain.append(byte)
            }
        }
        if escaped { throw RecordLinesError(line: line, reason: "a field ends in a lone backslash") }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// A line of a ``RecordLines`` record that cannot be read.
struct RecordLinesError: Error, Sendable, CustomStringConvertible {
    var line: Int
    var reason: String

    var description: String { "line \(line): \(reason)" }
}
