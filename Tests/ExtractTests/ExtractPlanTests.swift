import Testing

@testable import Extract

/// The plan alone, without a database: slugs given once, in order, never reused.
@Suite struct ExtractPlanTests {
    private func inventory(
        _ trips: [(String, String, String?)], withdrawn: [String: String] = [:],
        taken: Set<String> = []
    ) -> ContentInventory {
        var inventory = ContentInventory()
        for (id, slug, fingerprint) in trips {
            inventory.trips[id] = .init(id: id, slug: slug, fingerprint: fingerprint)
        }
        inventory.withdrawn = withdrawn
        inventory.takenSlugs = Set(trips.map(\.1)).union(withdrawn.values).union(taken)
        return inventory
    }

    @Test func knownTripsKeepTheirSlugAndNewOnesAvoidEveryTakenName() {
        let plan = ExtractPlan.make(
            candidates: [
                Candidate(id: "a", title: "Kyoto"), Candidate(id: "b", title: "Kyoto"),
                Candidate(id: "c", title: "Kyoto"), Candidate(id: "d", title: "🌊"),
            ],
            inventory: inventory([("a", "old-name", nil)], withdrawn: ["z": "kyoto"], taken: ["kyoto-2"]),
            tripIds: [], changedOnly: false)
        #expect(plan.fetch.map(\.slug) == ["old-name", "kyoto-3", "kyoto-4", "trip-d"])
        #expect(plan.readsEverything)
    }

    @Test func changedSkipsMatchingFingerprintsAndWithdrawsWhatIsGone() {
        let plan = ExtractPlan.make(
            candidates: [
                Candidate(id: "a", title: "A", fingerprint: "1"), Candidate(id: "b", title: "B", fingerprint: "2"),
                Candidate(id: "w", title: "W", fingerprint: "3"),
            ],
            inventory: inventory([("a", "a", "1"), ("b", "b", "old"), ("gone", "gone", "9")], withdrawn: ["w": "w-slug"]),
            tripIds: [], changedOnly: true)
        #expect(plan.unchanged.map(\.id) == ["a"])
        #expect(plan.fetch == [.init(id: "b", slug: "b"), .init(id: "w", slug: "w-slug", restoresWithdrawal: true)])
        #expect(plan.withdraw.map(\.id) == ["gone"])
        #expect(!plan.readsEverything)
    }

    @Test func fallbackSlugsUseTheIdsHexDigits() {
        #expect(SlugAssigner.fallback(id: "0B5E2C1E-6C55-4A57-9A43-2F0D0E1E6A01") == "trip-0b5e2c1e")
        var assigner = SlugAssigner(taken: ["trip-0b5e2c1e"])
        #expect(assigner.assign(id: "0b5e2c1e-ffff-4a57-9a43-2f0d0e1e6a01", title: "...") == "trip-0b5e2c1e-2")
    }
}
