import Foundation
import Testing

@testable import TabiCore

/// `Timestamp` computes days arithmetically (proleptic Gregorian, as PostgreSQL does); it must agree
/// with Foundation's calendar wherever that calendar is Gregorian too (from 1583 on).
@Suite struct TimestampArithmeticTests {
    @Test func daysAndTextAgreeWithTheCalendar() throws {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var random = TripJSONWriterTests.Random(state: 7)
        let first = Timestamp.days(year: 1583, month: 1, day: 1) * 86_400
        let last = Timestamp.days(year: 9999, month: 12, day: 31) * 86_400
        for _ in 0..<20_000 {
            let seconds = first + Int(random.next() % UInt64(last - first))
            let stamp = Timestamp(Date(timeIntervalSince1970: Double(seconds)))
            #expect(stamp.description == formatter.string(from: Date(timeIntervalSince1970: Double(seconds))))
            #expect(Timestamp(stamp.description) == stamp)
        }
        #expect(Timestamp.civil(fromDays: 0) == (1970, 1, 1))
        #expect(Timestamp.civil(fromDays: Timestamp.days(year: 1, month: 1, day: 1)) == (1, 1, 1))
        #expect(Timestamp("0001-01-01T00:30:00+01:00") == nil)  // before year 1 in UTC
        #expect(Timestamp("9999-12-31T23:30:00-01:00") == nil)  // after 9999 in UTC
        #expect(Timestamp("1969-12-31 23:59:59.5+00")?.description == "1969-12-31T23:59:59.5Z")
    }
}
