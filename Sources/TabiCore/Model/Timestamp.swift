import Foundation

/// An instant in RFC 3339 form, always UTC (`2024-05-01T09:30:00Z`, or with up to six fractional
/// digits as PostgreSQL's `timestamptz` keeps microseconds).
///
/// Kept as its canonical text so that what extract writes reads back byte for byte; two timestamps
/// in this form order the same way as their text.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The canonical text: `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`, fraction without trailing zeros.
    public let description: String
    /// The same instant as a `Date` (microsecond precision is not guaranteed by `Date`).
    public let date: Date

    /// Parses RFC 3339 with any offset and normalises to UTC.
    public init?(_ text: String) {
        guard let parsed = Timestamp.parse(text) else { return nil }
        self = parsed
    }

    /// A timestamp from a `Date`, with whole microseconds.
    public init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (micros / 1_000_000).rounded(.down)
        let fraction = Int(micros - seconds * 1_000_000)
        let whole = Date(timeIntervalSince1970: seconds)
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: whole)
        self.init(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!,
                  second: c.second!, microsecond: fraction)
    }

    private init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, microsecond: Int) {
        var text = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second)
        if microsecond > 0 {
            var digits = String(format: "%06d", microsecond)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        description = text + "Z"
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        date = Calendar.utc.date(from: components)!.addingTimeInterval(Double(microsecond) / 1_000_000)
    }

    /// The UTC day this instant falls on.
    public var day: CalendarDate {
        CalendarDate(String(description.prefix(10)))!
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.date < rhs.date }
    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Timestamp(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected an RFC 3339 timestamp, found \"\(text)\""))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Parsing

    /// `YYYY-MM-DD[T ]HH:MM:SS[.f{1,9}](Z|±HH[:MM])`; PostgreSQL's text output (`+00`) included.
    private static func parse(_ text: String) -> Timestamp? {
        let s = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for byte in s[from..<from + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard s.count >= 20, s[4] == UInt8(ascii: "-"), s[7] == UInt8(ascii: "-"),
              s[10] == UInt8(ascii: "T") || s[10] == UInt8(ascii: " ") || s[10] == UInt8(ascii: "t"),
              s[13] == UInt8(ascii: ":"), s[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              CalendarDate(year: year, month: month, day: day) != nil,
              hour < 24, minute < 60, second < 60 else { return nil }
        var index = 19
        var micros = 0
        if index < s.count, s[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < s.count, (48...57).contains(s[index]) {
                if digits < 6 { micros = micros * 10 + Int(s[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 6) { micros *= 10 }
        }
        guard index < s.count else { return nil }
        var offsetSeconds = 0
        switch s[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == s.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = s[index] == UInt8(ascii: "+") ? 1 : -1
            guard let hours = number(index + 1, 2) else { return nil }
            var minutes = 0
            var end = index + 3
            if end < s.count {
                if s[end] == UInt8(ascii: ":") { end += 1 }
                guard let m = number(end, 2), end + 2 == s.count else { return nil }
                minutes = m
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        guard let local = Calendar.utc.date(from: components) else { return nil }
        let utc = local.addingTimeInterval(TimeInterval(-offsetSeconds))
        let c = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: utc)
        return Timestamp(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!,
                         second: c.second!, microsecond: micros)
    }
}
