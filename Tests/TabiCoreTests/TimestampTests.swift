import Foundation
import Testing

@testable import TabiCore

@Suite struct TimestampTests {
    @Test func postgresTextNormalisesToUTC() throws {
        let t = try #require(Timestamp("2024-05-01 18:30:00.120+09"))
        #expect(t.description == "2024-05-01T09:30:00.12Z")
        #expect(Timestamp("2024-05-01T09:30:00Z")?.description == "2024-05-01T09:30:00Z")
        #expect(Timestamp("2024-12-31T23:30:00-01:00")?.description == "2025-01-01T00:30:00Z")
    }

    @Test func microsecondsSurviveARoundTrip() throws {
        let t = try #require(Timestamp("2025-03-04T05:06:07.000001Z"))
        #expect(t.description == "2025-03-04T05:06:07.000001Z")
        let data = try JSONEncoder().encode([t])
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [t])
    }

    @Test func invalidTextIsRejected() {
        for bad in ["2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", "yesterday", "2024-05-01T09:30:00", "2024-05-01T25:00:00Z"] {
            #expect(Timestamp(bad) == nil, "\(bad)")
        }
    }

    @Test func calendarDatesCheckTheDay() {
        #expect(CalendarDate("2024-02-29") != nil)
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate("2024-4-1") == nil)
        #expect(CalendarDate("2024-04-01")!.description == "2024-04-01")
        #expect(CalendarDate(year: 42, month: 1, day: 9)?.description == "0042-01-09")
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
    }
}
