import Foundation
import Render
import TabiCore
import Testing

@testable import Pipeline

/// site.json keeps, per trip, the key of the links its page carries: a key worked out another
/// way would have every page of every site read and put again on the next night.
@Suite struct LinkKeyTests {
    @Test func aPagesLinkKeyIsTheHashOfTheSiteKeyAndItsNeighbours() {
        let siteKey = ContentHash.sha256("settings and theme")
        let linkKeys = Finalizer.LinkKeys(siteKey: siteKey)
        func trip(_ slug: String, _ title: String) -> ListingPlacement {
            ListingPlacement(id: slug, slug: slug, title: title, startDate: nil, updated: nil, tags: [])
        }
        let cases: [TripNeighbours] = [
            TripNeighbours(newer: nil, older: nil),
            TripNeighbours(newer: trip("kyoto", "Kyoto\tin \"autumn\""), older: nil),
            TripNeighbours(newer: nil, older: trip("nara", "e\u{301}\u{200D} 奈良")),
            TripNeighbours(newer: trip("a", "A"), older: trip("b", "B\nC")),
        ]
        var keys = Set<String>()
        for around in cases {
            let key = linkKeys.key(around)
            #expect(key == String(ContentHash.sha256(siteKey + "\n" + around.key).prefix(16)))
            keys.insert(key)
        }
        #expect(keys.count == cases.count)
    }

    /// The links of the trips in a run of the listing order depend on the run and the trip on
    /// either side of it: a change there, and only there, changes the run's hash (which is what
    /// lets a night skip the runs that stayed the same).
    @Test func aChunksHashChangesWithItsTripsAndTheTripOnEitherSideOnly() {
        let size = Finalizer.LinkKeys.chunkSize
        let keys = Finalizer.LinkKeys(siteKey: ContentHash.sha256("settings and theme"))
        let order = (0..<(size * 3 + 10)).map {
            ListingPlacement(id: "id-\($0)", slug: "trip-\($0)", title: "Trip \($0)", startDate: nil, updated: nil, tags: [])
        }
        let before = keys.chunks(order)
        #expect(before.count == 4 && Set(before).count == 4)
        #expect(Finalizer.LinkKeys.positions(ofChunk: 3, in: order.count) == size * 3..<order.count)
        func changed(_ edit: (inout [ListingPlacement]) -> Void) -> [Int] {
            var edited = order
            edit(&edited)
            let after = keys.chunks(edited)
            return after.indices.filter { $0 >= before.count || after[$0] != before[$0] }
        }
        // Two trips inside run 1 swap places: run 1 alone.
        #expect(changed { $0.swapAt(size + 5, size + 9) } == [1])
        // A title at the end of run 1: its run and the next, whose first trip links to it.
        #expect(changed { $0[2 * size - 1].title = "Renamed" } == [1, 2])
        // The first of run 2: run 1 links to it too.
        #expect(changed { $0[2 * size].slug = "moved" } == [1, 2])
        // A trip added at the end: the last run; one added at the start: every run.
        #expect(changed { $0.append(order[0]) } == [3])
        #expect(changed { $0.insert(order[0], at: 0) } == [0, 1, 2, 3])
        // The same order under another site key (settings or theme changed): every run.
        let otherSite = Finalizer.LinkKeys(siteKey: "other").chunks(order)
        #expect(zip(before, otherSite).allSatisfy { $0 != $1 })
    }
}
