import Foundation
import TabiCore
import Testing

@testable import Draft

@Suite struct ChunkPlanTests {
    @Test func aTripThatFitsIsOneWholeCall() {
        let facts = NarrationFacts(trip: TripMaker.trip("small", posts: 5))
        let plan = ChunkPlan(facts: facts, budget: 60_000)
        #expect(plan.isWhole)
        #expect(plan.parts == [facts])
        #expect(plan.shortenedPosts == 0)
    }

    @Test func a300PostTripIsSplitWithEveryPostInExactlyOnePart() {
        let facts = NarrationFacts(trip: TripMaker.trip("long", posts: 300, places: 7, textLength: 400))
        let budget = 20_000
        #expect(facts.json.count > budget * 5)
        let plan = ChunkPlan(facts: facts, budget: budget)
        #expect(!plan.isWhole)
        #expect(plan.parts.count >= 6)
        #expect(plan.shortenedPosts == 0)
        // Every post, once, in order; every part within the budget.
        #expect(plan.parts.flatMap(\.posts) == facts.posts)
        for part in plan.parts {
            #expect(part.json.count <= budget)
            #expect(part.coverChoices == nil)
            // A part names exactly the places of its posts.
            #expect(Set(part.places.map(\.name)) == Set(part.posts.compactMap(\.place)))
        }
    }

    @Test func placesStayTogetherWhenTheyFit() throws {
        // Seven places of about 40 posts each; a part holds a bit more than one place.
        let facts = NarrationFacts(trip: TripMaker.trip("places", posts: 280, places: 7, textLength: 150))
        let onePlace = facts.part(Array(facts.posts.prefix(40))).json.count
        let plan = ChunkPlan(facts: facts, budget: onePlace * 3 / 2)
        // No place is split: it moves whole to the next part when the current one is too full.
        var partsOfPlace: [String: Set<Int>] = [:]
        for (index, part) in plan.parts.enumerated() {
            for post in part.posts { partsOfPlace[post.place!, default: []].insert(index) }
        }
        #expect(partsOfPlace.count == 7)
        #expect(partsOfPlace.values.allSatisfy { $0.count == 1 })
    }

    @Test func aPlaceTooBigForOnePartIsSplitBetweenPosts() {
        let facts = NarrationFacts(trip: TripMaker.trip("one-place", posts: 100, places: 1, textLength: 300))
        let plan = ChunkPlan(facts: facts, budget: 8_000)
        #expect(plan.parts.count > 3)
        #expect(plan.parts.flatMap(\.posts) == facts.posts)
        #expect(plan.parts.allSatisfy { $0.json.count <= 8_000 })
    }

    @Test func aPostBiggerThanAPartIsShortenedWithAMarkerNotDropped() throws {
        var trip = TripMaker.trip("giant", posts: 4, places: 1)
        trip.posts[2].content = "The giant post starts here. " + String(repeating: "ä long day of walking. ", count: 2_000)
        let facts = NarrationFacts(trip: trip)
        let plan = ChunkPlan(facts: facts, budget: 6_000)
        #expect(plan.shortenedPosts == 1)
        let posts = plan.parts.flatMap(\.posts)
        #expect(posts.map(\.title) == facts.posts.map(\.title))
        let giant = try #require(posts.first { $0.title == "giant post 2 title" })
        #expect(giant.text!.hasPrefix("The giant post starts here."))
        #expect(giant.text!.contains("more characters of this post left out]"))
        #expect(plan.parts.allSatisfy { $0.json.count <= 6_000 })
    }

    @Test func groupsPackConsecutiveSizesWithinCapacity() {
        #expect(ChunkPlan.groups(of: [3, 3, 3, 3], capacity: 7) == [0..<2, 2..<4])
        #expect(ChunkPlan.groups(of: [9, 2, 2, 9], capacity: 5) == [0..<1, 1..<3, 3..<4])
        #expect(ChunkPlan.groups(of: [], capacity: 5) == [])
    }
}
