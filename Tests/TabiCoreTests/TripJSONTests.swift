import Foundation
import Testing

@testable import TabiCore

@Suite struct TripJSONTests {
    static let trip = Trip(
        id: "0b5e2c1e-6c55-4a57-9a43-2f0d0e1e6a01", slug: "autumn-in-kyoto", title: "Autumn in Kyoto",
        startDate: CalendarDate("2024-11-01"), endDate: CalendarDate("2024-11-05"), author: "Aiko",
        destinations: [Destination(id: "d1", name: "Kyoto", countryCode: "JP", latitude: 35.0116, longitude: 135.7681)],
        posts: [
            Post(
                id: "p1", timestamp: Timestamp("2024-11-01T09:00:00Z")!, title: "Arrival", content: "Hello",
                destinationId: "d1", photos: [Photo(id: "ph1", storageKey: "trips/a/ph1.jpg", width: 4000, height: 3000)])
        ])

    @Test func encodingIsStableAndRoundTrips() throws {
        let data = TripJSON.encode(Self.trip)
        #expect(data == TripJSON.encode(try TripJSON.decode(data)))
        #expect(try TripJSON.decode(data) == Self.trip)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.contains("\"storageKey\" : \"trips/a/ph1.jpg\""))  // slashes unescaped
    }

    @Test func errorsNameTheField() {
        var json = String(decoding: TripJSON.encode(Self.trip), as: UTF8.self)
        json = json.replacingOccurrences(of: "2024-11-01T09:00:00Z", with: "noon")
        #expect { try TripJSON.decode(Data(json.utf8)) } throws: { error in
            (error as? TripJSONError)?.field == "posts[0].timestamp"
        }
        let badSlug = String(decoding: TripJSON.encode(Self.trip), as: UTF8.self)
            .replacingOccurrences(of: "\"autumn-in-kyoto\"", with: "\"../etc\"")
        #expect { try TripJSON.decode(Data(badSlug.utf8)) } throws: { error in
            (error as? TripJSONError)?.field == "slug"
        }
    }
}
