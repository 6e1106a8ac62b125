import Foundation
import Render
import TabiCore
import TestSupport
import Testing

/// `sortedNewestFirst()` is the listings' order, `sorted(by: newestFirst)`, tie for tie: the
/// home page, the feed and a trip's links to its neighbours depend on it.
@Suite struct ListingOrderTests {
    /// Placements drawn from few values, so most fields tie and nil dates are common.
    private func placements(_ count: Int, seed: UInt64) -> [ListingPlacement] {
        var numbers = SplitMix(seed: seed)
        return (0..<count).map { index in
            let day = Int.random(in: 0...4, using: &numbers)
            let start = day == 0 ? nil : CalendarDate(year: 2024, month: 5, day: day)
            let second = Int.random(in: 0...3, using: &numbers)
            let updated = second == 0 ? nil : Timestamp("2025-01-01T00:00:0\(second)Z")
            let title = ["Kyoto", "Oaxaca", "kyoto", "Åre"].randomElement(using: &numbers) ?? ""
            let slug = ["a", "b", "c"].randomElement(using: &numbers) ?? ""
            return ListingPlacement(id: "\(index)", slug: slug, title: title, startDate: start, updated: updated, tags: [])
        }
    }

    @Test(arguments: [0, 1, 2, 17, 1000]) func theOrderIsTheComparatorsTieForTie(count: Int) {
        for seed in UInt64(1)...20 {
            let placements = placements(count, seed: seed)
            let expected = placements.sorted(by: ListingPlacement.newestFirst).map(\.id)
            #expect(placements.sortedNewestFirst().map(\.id) == expected, "seed \(seed)")
        }
    }

    @Test func newestComesFirstAndUndatedLast() {
        let undated = ListingPlacement(id: "u", slug: "u", title: "U", startDate: nil, updated: nil, tags: [])
        let old = ListingPlacement(
            id: "o", slug: "o", title: "O", startDate: CalendarDate(year: 2020, month: 1, day: 1), updated: nil, tags: [])
        let new = ListingPlacement(
            id: "n", slug: "n", title: "N", startDate: CalendarDate(year: 2024, month: 1, day: 1), updated: nil, tags: [])
        #expect([undated, old, new].sortedNewestFirst().map(\.id) == ["n", "o", "u"])
    }
}
