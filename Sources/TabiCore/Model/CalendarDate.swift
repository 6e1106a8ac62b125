import Foundation

/// A day without a time or zone (`YYYY-MM-DD`), as PostgreSQL's `date` holds it.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Accepts `YYYY-MM-DD` only, with a real month and day.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.days(inMonth: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`, written byte by byte (``write(year:month:day:_:)``): `String(format:)` cost a
    /// sitemap of 10,000 trips more than the rest of its lines.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { text in
            var length = 0
            Self.write(year: year, month: month, day: day) {
                text[length] = $0
                length += 1
            }
            return length
        }
    }

    /// `YYYY-MM-DD` of a valid date, one byte at a time to `append`: the one spelling of a day
    /// that a date, a timestamp and `trip.json` share.
    @inline(__always)
    static func write(year: Int, month: Int, day: Int, _ append: (UInt8) -> Void) {
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        append(UInt8(ascii: "-"))
        digits(month, 2)
        append(UInt8(ascii: "-"))
        digits(day, 2)
    }

    /// Days since 1970-01-01: the difference of two is the days between them.
    public var daysSince1970: Int { Timestamp.days(year: year, month: month, day: day) }

    /// Midnight UTC of this day.
    public var date: Date {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        return Calendar.utc.date(from: components)!
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a date as YYYY-MM-DD, found \"\(text)\""))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Calendar {
    /// The Gregorian calendar in UTC, so dates never shift with the machine's zone.
    public static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
