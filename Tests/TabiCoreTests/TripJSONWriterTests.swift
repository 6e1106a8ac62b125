import Foundation
import Testing

@testable import TabiCore

/// `TripJSON.encode` writes its bytes directly; they must be exactly `JSONEncoder`'s, for every
/// shape of trip, so the layout stays the documented one.
@Suite struct TripJSONWriterTests {
    /// A small deterministic generator, so a failure names a reproducible trip.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            var z = state
            z = (z ^ (z >> 33)) &* 0xff51afd7ed558ccd
            return z ^ (z >> 33)
        }
    }

    static let awkward = [
        "", "plain", "q\"uo\\te/slash", "\u{1}\u{1f}\n\r\t\u{8}\u{c}\u{7f}", "東京の秋", "رحلة",
        "emoji 🏖️🌊", "\u{2028}\u{2029}", "<script>&amp;</script>", "tab\tand\nline",
    ]

    func text(_ r: inout Random) -> String { Self.awkward.randomElement(using: &r)! + String(r.next() % 1000) }
    func maybe<T>(_ r: inout Random, _ make: (inout Random) -> T) -> T? { Bool.random(using: &r) ? make(&r) : nil }
    func double(_ r: inout Random) -> Double {
        switch r.next() % 4 {
        case 0: return Double(Int(r.next() % 360) - 180) + Double(r.next() % 1_000_000) / 1_000_000
        case 1: return Double(bitPattern: r.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random(using: &r) ? 1 : -1)
        case 2: return [0, -0.0, 1e-5, 1e21, 35, 0.1, 1e16, 123456789.125][Int(r.next() % 8)]
        default: return Double(Int64(bitPattern: r.next()) % 100_000) / 7
        }
    }
    func time(_ r: inout Random) -> Timestamp {
        Timestamp(Date(timeIntervalSince1970: Double(r.next() % 4_000_000_000) + Double(r.next() % 1000) / 1000))
    }

    func trip(_ r: inout Random) -> Trip {
        let destinations = (0..<Int(r.next() % 3)).map { i in
            Destination(
                id: "d\(i)", name: text(&r), countryCode: maybe(&r) { _ in "JP" }, latitude: maybe(&r, double),
                longitude: maybe(&r, double), arrivalDate: maybe(&r) { _ in CalendarDate("2024-02-29")! },
                departureDate: maybe(&r) { _ in CalendarDate("0001-01-01")! }, position: Int(r.next() % 5) - 2)
        }
        let posts = (0..<Int(r.next() % 3)).map { i in
            Post(
                id: "p\(i)", timestamp: time(&r), title: maybe(&r, text), content: maybe(&r, text),
                destinationId: maybe(&r, text), latitude: maybe(&r, double), longitude: maybe(&r, double),
                photos: (0..<Int(r.next() % 3)).map { j in
                    Photo(
                        id: "ph\(j)", storageKey: "trips/a/\(j).jpg", contentType: maybe(&r) { _ in "image/jpeg" },
                        sha256: maybe(&r) { _ in String(repeating: "a1", count: 32) }, caption: maybe(&r, text),
                        takenAt: maybe(&r, time), width: maybe(&r) { Int($0.next() % 9000) },
                        height: maybe(&r) { Int($0.next() % 9000) }, position: Int(r.next() % 4))
                })
        }
        return Trip(
            id: "t", slug: "s", title: text(&r), description: maybe(&r, text),
            startDate: maybe(&r) { _ in CalendarDate("2024-11-01")! }, endDate: maybe(&r) { _ in CalendarDate("9999-12-31")! },
            status: TripStatus.allCases.randomElement(using: &r)!, visibility: TripVisibility.allCases.randomElement(using: &r)!,
            author: maybe(&r, text), coverPhotoId: maybe(&r, text), updatedAt: maybe(&r, time),
            destinations: destinations, posts: posts,
            source: maybe(&r) { SourceStamp(updatedAt: maybe(&$0, time), fingerprint: "f\($0.next() % 99)") })
    }

    @Test func writtenBytesEqualJSONEncodersForManyTrips() throws {
        var random = Random(state: 42)
        for index in 0..<2_000 {
            let trip = trip(&random)
            var reference = try TripJSON.encoder.encode(trip)
            reference.append(UInt8(ascii: "\n"))
            let written = TripJSON.encode(trip)
            #expect(written == reference, "trip #\(index) differs:\n\(String(decoding: written, as: UTF8.self))")
            if written != reference { return }
            #expect(try TripJSON.decode(written) == trip)
        }
    }

    @Test func valuesJSONCannotHoldBecomeAbsent() throws {
        let trip = Trip(
            id: "t", slug: "s", title: "T", destinations: [Destination(id: "d", name: "N", latitude: .nan, longitude: .infinity)])
        let decoded = try TripJSON.decode(TripJSON.encode(trip))
        #expect(decoded.destinations.first?.latitude == nil && decoded.destinations.first?.longitude == nil)
    }
}
