import Concurrency
import Foundation

/// A JSON document built in code, for reports: encodes with sorted keys, so the same report gives
/// the same bytes.
public enum JSONValue: Sendable, Equatable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements) { _, last in last })
    }

    /// Strings as an array.
    public static func strings(_ values: some Sequence<String>) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// A value or null.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// Seconds, rounded to the millisecond.
    public static func seconds(_ duration: Duration) -> JSONValue {
        .double((duration.secondsValue * 1000).rounded() / 1000)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value.isFinite ? value : 0)
        case .string(let value): try container.encode(value)
        case .array(let values): try container.encode(values)
        case .object(let members): try container.encode(members)
        }
    }

    /// Pretty JSON with sorted keys and a final newline, in the layout of `JSONEncoder`'s
    /// `.prettyPrinted` (two spaces, `"key" : value`), written directly: a nightly report of
    /// 10,000 trips took a tenth of a second through `JSONEncoder`.
    public func encoded() -> Data {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return Data(out)
    }

    private func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .int(let value): out += String(value).utf8
        case .double(let value):
            let finite = value.isFinite ? value : 0
            out += (finite == finite.rounded() && abs(finite) < 1e15 ? String(Int(finite)) : String(finite)).utf8
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let values):
            guard !values.isEmpty else {
                out += "[]".utf8
                return
            }
            out += "[\n".utf8
            for (index, value) in values.enumerated() {
                out += repeatElement(0x20, count: indent + 2)
                value.write(into: &out, indent: indent + 2)
                out += (index == values.count - 1 ? "\n" : ",\n").utf8
            }
            out += repeatElement(0x20, count: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                out += "{}".utf8
                return
            }
            out += "{\n".utf8
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += repeatElement(0x20, count: indent + 2)
                Self.writeString(key, into: &out)
                out += " : ".utf8
                members[key]!.write(into: &out, indent: indent + 2)
                out += (index == keys.count - 1 ? "\n" : ",\n").utf8
            }
            out += repeatElement(0x20, count: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string, escaped byte by byte: quote, backslash and the control characters.
    private static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\"".utf8
            case UInt8(ascii: "\\"): out += "\\\\".utf8
            case 0x0A: out += "\\n".utf8
            case 0x0D: out += "\\r".utf8
            case 0x09: out += "\\t".utf8
            case 0x08: out += "\\b".utf8
            case 0x0C: out += "\\f".utf8
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += "\\u00".utf8
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A member of an object (nil for anything else), for tests and readers.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
