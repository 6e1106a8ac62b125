import Draft
import Foundation
import TabiCore
import Testing

@Suite struct TripFactsTests {
    @Test func factsCarryTheStoryAndNothingPrivateOrUseless() throws {
        let trip = TripMaker.trip("kyoto", posts: 4, places: 2)
        let json = NarrationFacts(trip: trip).json
        // In: what a story is written from.
        for post in trip.posts {
            #expect(json.contains(post.title!))
            #expect(json.contains(post.content!.trimmingCharacters(in: .whitespaces)))
            #expect(json.contains(post.photos[0].caption!))
        }
        #expect(json.contains(trip.title) && json.contains(trip.description!) && json.contains("Kyoto Place 2"))
        // Out: coordinates, storage keys, hashes, database ids, sync stamps.
        for text in Self.privateStrings(of: trip) { #expect(!json.contains(text), "\(text) reached the facts") }
    }

    @Test func onlyCoverChoicesNamePhotosByIdAndTheCoverComesFirst() throws {
        var trip = TripMaker.trip("covers", posts: 60, places: 3)
        trip.coverPhotoId = trip.posts[40].photos[0].id
        let facts = NarrationFacts(trip: trip)
        let choices = try #require(facts.coverChoices)
        #expect(choices.first?.id == trip.coverPhotoId)
        #expect(choices.count == 24)
        #expect(Set(choices.map(\.id)).count == choices.count)
        #expect(facts.posts.allSatisfy { !$0.photos.contains { $0.contains("-") && $0.count == 36 } })
    }

    @Test func factsJSONIsCompactAndStable() {
        let trip = TripMaker.trip("stable")
        #expect(NarrationFacts(trip: trip).json == NarrationFacts(trip: trip).json)
        #expect(!NarrationFacts(trip: trip).json.contains("\n"))
    }

    /// Strings of a trip that must never reach a model.
    static func privateStrings(of trip: Trip) -> [String] {
        var strings = [
            trip.id, trip.source!.fingerprint, "35.123456", "135.654321", "\"latitude\"", "\"longitude\"",
            "storageKey", "sha256", "updatedAt",
        ]
        for destination in trip.destinations {
            strings += [destination.id, String(destination.latitude!), String(destination.longitude!)]
        }
        for post in trip.posts {
            strings += [post.id] + post.photos.flatMap { [$0.storageKey, $0.sha256!] }
        }
        return strings
    }
}
