import Foundation
import TabiCore

/// Trips for tests: deterministic ids, text, coordinates, storage keys and hashes, so a test can
/// look for each of them in what reached a model.
enum TripMaker {
    /// A trip of `posts` posts spread over `places` destinations (consecutive runs), each post with
    /// a photo; `title` may carry stand-in directives (`standin:bad-front-matter`).
    static func trip(
        _ slug: String, title: String? = nil, posts: Int = 3, places: Int = 2, textLength: Int = 120,
        start: String = "2024-05-01"
    ) -> Trip {
        let id = uuid(slug)
        let destinations = (0..<max(places, 1)).map { index in
            Destination(
                id: uuid("\(slug)-place-\(index)"), name: "\(slug.capitalized) Place \(index + 1)", countryCode: "JP",
                latitude: 35.0 + Double(index) / 1000 + 0.000123, longitude: 135.0 + Double(index) / 1000 + 0.000456,
                arrivalDate: CalendarDate(start), departureDate: CalendarDate(start), position: index)
        }
        let perPlace = max((posts + destinations.count - 1) / destinations.count, 1)
        let first = Timestamp("\(start)T08:00:00Z")!.date
        let list = (0..<posts).map { index in
            let photo = Photo(
                id: uuid("\(slug)-photo-\(index)"), storageKey: "travels/\(id)/secret-key-\(slug)-\(index).jpg",
                contentType: "image/jpeg", sha256: String(repeating: "ab", count: 31) + String(format: "%02x", index % 256),
                caption: "Caption of \(slug) photo \(index)", width: 4000, height: 3000)
            let body = "Body of \(slug) post \(index). " + String(repeating: "Walked and looked. ", count: max(textLength / 19, 1))
            return Post(
                id: uuid("\(slug)-post-\(index)"), timestamp: Timestamp(first.addingTimeInterval(Double(index) * 3600)),
                title: "\(slug) post \(index) title", content: body,
                destinationId: destinations[min(index / perPlace, destinations.count - 1)].id,
                latitude: 35.123456 + Double(index) / 10_000, longitude: 135.654321, photos: [photo])
        }
        return Trip(
            id: id, slug: slug, title: title ?? "Trip \(slug)", description: "A test trip called \(slug).",
            startDate: CalendarDate(start), endDate: CalendarDate(start), author: "Tester",
            coverPhotoId: list.first?.photos.first?.id, updatedAt: Timestamp("2024-06-01T00:00:00Z"),
            destinations: destinations, posts: list,
            source: SourceStamp(updatedAt: Timestamp("2024-06-01T00:00:00Z"), fingerprint: "fingerprint-\(slug)-0123456789"))
    }

    /// A lower-case UUID made from a name.
    static func uuid(_ name: String) -> String {
        let hex = Array(ContentHash.sha256(name).prefix(32))
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return groups.joined(separator: "-")
    }
}
