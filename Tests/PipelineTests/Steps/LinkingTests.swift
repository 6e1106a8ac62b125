import Render
import TabiCore
import Testing

@testable import Pipeline

/// The neighbours a run on one worker links its pages to before it puts them: the same as the
/// full listing order gives, whether they are found by one pass per trip (a few trips built) or
/// by sorting the whole order (many), with the trips built tonight at their new places and the
/// withdrawn ones out.
@Suite struct LinkingTests {
    /// 60 listed trips on 7 start dates (many ties, some without a date), so both the dates and
    /// the title and slug tie-breaks place them.
    static func place(_ number: Int, day: Int? = nil) -> ListingPlacement {
        let day = day ?? number % 7
        return ListingPlacement(
            id: "trip-\(number)", slug: "trip-\(number)", title: "Trip \(number % 5)",
            startDate: day == 0 ? nil : CalendarDate("2024-05-0\(day)"), updated: Timestamp("2024-06-0\(1 + number % 3)T10:00:00Z"),
            tags: [])
    }

    @Test(arguments: [1, 3, 16, 17, 40])
    func neighboursAreThoseOfTheWholeOrder(built count: Int) {
        let listed = (0..<60).map { Self.place($0) }
        let gone: Set<String> = ["trip-5", "trip-6", "trip-41"]
        // The built trips: some listed before (moved to another day), some new.
        let built = (0..<count).map { Self.place($0 % 2 == 0 ? $0 : 100 + $0, day: ($0 * 3) % 7) }
        let linking = TripPublisher.Linking(
            listed: Dictionary(uniqueKeysWithValues: listed.map { ($0.id, ListedTrip(id: $0.id, Self.fields($0))) }),
            siteKey: "site")
        let found = linking.neighbours(of: built, without: gone)

        let builtIDs = Set(built.map(\.id))
        let order = (listed.filter { !builtIDs.contains($0.id) && !gone.contains($0.id) } + built).sorted(by: ListingPlacement.newestFirst)
        let expected = TripNeighbours.of(order)
        #expect(found.count == count)
        for trip in built {
            #expect(found[trip.id]?.around == expected[trip.id], "\(trip.id)")
        }
        // The key is the one the finalize step works out for the same neighbours.
        let keys = Finalizer.LinkKeys(siteKey: "site")
        #expect(built.allSatisfy { found[$0.id]?.key == expected[$0.id].map(keys.key) })
    }

    /// The seven fields a listing index line keeps of a trip (``ListedTrip/fields``).
    static func fields(_ place: ListingPlacement) -> [String] {
        [place.startDate?.description ?? "", place.updated?.description ?? "", place.title, place.slug, "", "hash", "{}"]
    }
}
