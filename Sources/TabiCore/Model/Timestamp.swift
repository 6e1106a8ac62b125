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
        var text = text
        guard let parsed = text.withUTF8(Timestamp.parse) else { return nil }
        self = parsed
    }

    /// Parses RFC 3339 from UTF-8 bytes (a database column read in place), as ``init(_:)`` does.
    public init?(utf8 text: UnsafeBufferPointer<UInt8>) {
        guard let parsed = Timestamp.parse(text) else { return nil }
        self = parsed
    }

    /// A timestamp from a `Date`, with whole microseconds.
    public init(_ date: Date) {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let seconds = (micros / 1_000_000).rounded(.down)
        self.init(epochSeconds: Int(seconds), microsecond: Int(micros - seconds * 1_000_000))
    }

    /// The instant `epochSeconds` (+ `microsecond`) after 1970-01-01T00:00:00Z, with the day
    /// computed arithmetically (proleptic Gregorian, as PostgreSQL counts) rather than through
    /// `Calendar`, which is slow enough to dominate reading a few hundred thousand rows.
    private init(epochSeconds: Int, microsecond: Int) {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : -((-epochSeconds + 86_399) / 86_400)
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = Timestamp.civil(fromDays: days)
        // Written straight into the string's storage: one allocation per timestamp.
        description = String(unsafeUninitializedCapacity: 27) { text in
            var length = 0
            func append(_ byte: UInt8) {
                text[length] = byte
                length += 1
            }
            func digits(_ value: Int, _ count: Int) {
                var divisor = 1
                for _ in 1..<count { divisor *= 10 }
                while divisor > 0 {
                    append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                    divisor /= 10
                }
            }
            CalendarDate.write(year: year, month: month, day: day, append)
            append(UInt8(ascii: "T")); digits(secondOfDay / 3600, 2); append(UInt8(ascii: ":"))
            digits(secondOfDay / 60 % 60, 2); append(UInt8(ascii: ":")); digits(secondOfDay % 60, 2)
            if microsecond > 0 {
                append(UInt8(ascii: "."))
                var fraction = microsecond
                var count = 6
                while fraction % 10 == 0 { fraction /= 10; count -= 1 }
                digits(fraction, count)
            }
            append(UInt8(ascii: "Z"))
            return length
        }
        date = Date(timeIntervalSince1970: Double(epochSeconds)).addingTimeInterval(Double(microsecond) / 1_000_000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
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
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
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
    private static func parse(_ s: UnsafeBufferPointer<UInt8>) -> Timestamp? {
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
            hour < 24, minute < 60, second < 60
        else { return nil }
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
        let local = days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let utc = local - offsetSeconds
        // An offset can move an instant of year 1 or 9999 out of the years the text form can hold.
        guard utc >= days(year: 1, month: 1, day: 1) * 86_400, utc < days(year: 10_000, month: 1, day: 1) * 86_400
        else { return nil }
        return Timestamp(epochSeconds: utc, microsecond: micros)
    }
}
