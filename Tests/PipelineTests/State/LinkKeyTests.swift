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
}
