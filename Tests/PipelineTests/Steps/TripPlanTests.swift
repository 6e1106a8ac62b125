import ContentStore
import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Pipeline

/// What a night decides per trip from `Content/trips/` and the records alone: a trip left as it
/// was is only named, a trip whose id two folders hold is the later folder's, and a recorded trip
/// no folder holds is withdrawn.
@Suite struct TripPlanTests {
    @Test func unchangedTripsAreNamedTheLaterOfTwoFoldersWinsAndAMissingTripIsWithdrawn() throws {
        let folder = TemporaryFolder()
        let root = folder.url
        let trips = FixtureTrips(content: root, media: root.appendingPathComponent("media"))
        let kyoto = try trips.add(trip: "kyoto", title: "Kyoto", start: "2024-11-02", photos: [])
        try trips.add(trip: "nara", title: "Nara", start: "2024-11-05", photos: [])
        // The same trip under a new slug, its old folder still there ("kyoto" < "kyoto-again").
        var renamed = kyoto
        renamed.slug = "kyoto-again"
        let content = ContentDirectory(root: root)
        try content.write(renamed)

        let inputs = try TripInputs(configText: "title: Test", theme: RepositoryPaths.defaultTheme, keepsHeaders: false)
        let nara = FixtureTrips.id(of: "nara"), lisbon = FixtureTrips.id(of: "lisbon")
        let naraFiles = TripInputs.contentHash(
            tripJSON: try Data(contentsOf: content.tripFile(of: "nara")), story: nil)
        let known: [String: SiteIndex.Trip] = [
            // Published with these very files, under stamps of another copy: read, found the same.
            nara: SiteIndex.Trip(
                slug: "nara", inputs: inputs.hash(content: naraFiles), failed: false, content: naraFiles, stamps: "1@1 -"),
            // Published, and no folder holds it any more.
            lisbon: SiteIndex.Trip(slug: "lisbon", inputs: "0", failed: false, content: "0", stamps: "1@1 -"),
        ]
        let stamps = try content.tripStamps()
        let plan = try TripPlan.make(
            content: content, stamped: stamps, shard: TripShard(index: 0, count: 1), inputs: inputs, known: known)

        #expect(plan.broken.isEmpty)
        let items = plan.items.map { "\($0.id) \($0.slug) \($0.action.rawValue)" }
        #expect(items == ["\(kyoto.id) kyoto-again new", "\(lisbon) lisbon withdrawn"].sorted())
        #expect(plan.toBuild.map(\.slug) == ["kyoto-again"])
        #expect(plan.unchanged == [TripPlan.Unchanged(id: nara, slug: "nara")])
        #expect(plan.restamped == [nara: stamps.trips.first { $0.slug == "nara" }!.key])
        #expect(plan.filesRead == 3)
        #expect(plan.bucketsToRead == Set([kyoto.id, lisbon].map { TripShard.bucket(of: $0) }).sorted())
    }
}
