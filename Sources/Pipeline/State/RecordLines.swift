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
    static func decode(format: String, _ data: Data) throws(RecordLinesError) -> [[String]]? {
        let bytes = [UInt8](data)
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)[...]
        guard let header = lines.popFirst(), String(decoding: header, as: UTF8.self) == format else { return nil }
        // Every row ends in a line feed: what follows the last one is no row.
        if lines.last?.isEmpty == true { lines.removeLast() }
        var rows: [[String]] = []
        rows.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated() {
            var fields: [String] = []
            for field in line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false) {
                guard field.contains(UInt8(ascii: "\\")) else {
                    fields.append(String(decoding: field, as: UTF8.self))
                    continue
                }
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
                        default: throw RecordLinesError(line: number + 2, reason: "an unknown escape \\\(Unicode.Scalar(byte))")
                        }
                        escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        escaped = true
                    } else {
                        plain.append(byte)
                    }
                }
                if escaped { throw RecordLinesError(line: number + 2, reason: "a field ends in a lone backslash") }
                fields.append(String(decoding: plain, as: UTF8.self))
            }
            rows.append(fields)
        }
        return rows
    }
}

/// A line of a ``RecordLines`` record that cannot be read.
struct RecordLinesError: Error, Sendable, CustomStringConvertible {
    var line: Int
    var reason: String

    var description: String { "line \(line): \(reason)" }
}
