import ContentStore
import Foundation
import Images
import Logging
import Publish
import Render
import TabiCore
import TestSupport
import Testing

@testable import Pipeline

/// A shard's trips go up a group at a time (pages rendered, put and let go before the next
/// group is rendered): every trip of every group is published and recorded; a trip whose photo
/// is broken, or whose files changed after the plan hashed them, fails alone.
@Suite struct TripPublisherTests {
    @Test func everyGroupGoesUpAndATripWithABrokenPhotoOrEditedFilesFailsAlone() async throws {
        let folder = TemporaryFolder()
        let root = folder.url, media = root.appendingPathComponent("media")
        let trips = FixtureTrips(content: root, media: media)
        let made: [(slug: String, start: String, photos: [String])] = [
            ("kyoto", "2024-11-02", ["landscape-gps.jpg"]), ("nara", "2024-11-05", ["small.jpg"]),
            ("osaka", "2024-10-01", []), ("kobe", "2024-09-01", ["small.jpg"]), ("lisbon", "2024-06-01", ["orientation-6.jpg"]),
        ]
        for trip in made { try trips.add(trip: trip.slug, title: trip.slug.capitalized, start: trip.start, photos: trip.photos) }
        let nara = FixtureTrips.id(of: "nara")
        try Data("not a photo".utf8).write(to: media.appendingPathComponent("travels/\(nara)/0-small.jpg"))

        let shard = try TripShard(index: 0, count: 1), config = SiteConfig.defaults
        let inputs = try TripInputs(configText: "title: Test", theme: RepositoryPaths.defaultTheme, keepsHeaders: false)
        let content = ContentDirectory(root: root)
        let plan = try TripPlan.make(content: content, shard: shard, inputs: inputs, known: [:])
        let toBuild = plan.toBuild
        #expect(toBuild.count == 5)
        // Edited after the plan hashed it: built by the next run, not from other bytes than hashed.
        let osaka = content.tripFile(of: "osaka")
        try (try Data(contentsOf: osaka) + Data("\n".utf8)).write(to: osaka)

        let site = FolderStore(root: root.appendingPathComponent("site"))
        let records = StateRecords(store: FolderStore(root: root.appendingPathComponent("state")))
        let builder = TripBuilder(
            content: content, renderer: SiteRenderer(config: config, theme: try Theme.load(from: RepositoryPaths.defaultTheme)),
            limits: config.imageLimits, media: MediaRoot(folder: media), concurrency: 2)
        let publisher = TripPublisher(
            sync: SiteSync(site: site, rules: try HeaderRules(settings: config.publish), concurrency: 2),
            records: records, cdn: nil, logger: Logger(label: "test"), groupSize: 2)
        var report = NightlyReport(run: "test", shard: shard)
        let (written, _) = await publisher.publish(
            plan: plan, building: toBuild, with: builder, published: PublishedDerivatives(), buckets: [:],
            work: root.appendingPathComponent("work"), marker: ShardMarker.name(run: "test", shard: shard), run: "test",
            shard: shard, report: &report)

        #expect(written)
        #expect(report.failures.isEmpty, "\(report.failures)")
        let failed = Dictionary(uniqueKeysWithValues: report.trips.filter { !$0.failures.isEmpty }.map { ($0.slug, $0.failures) })
        #expect(failed.keys.sorted() == ["nara", "osaka"])
        #expect(failed["nara"]?.contains { $0.contains("nara-photo-0") } == true, "\(failed)")
        #expect(failed["osaka"]?.contains { $0.contains("changed while this run was building it") } == true, "\(failed)")
        // Three groups (2, 2, 1 trips), each trip's page up and recorded with it, but osaka's.
        let published = try ConfinedFolder(root.appendingPathComponent("site")).list("trips", sizes: false).map(\.name)
        #expect(Set(published) == ["kyoto", "nara", "kobe", "lisbon"])
        #expect(report.pagesRendered == 4 && report.trips.filter { $0.uploads == 0 }.map(\.slug) == ["osaka"])
        var recorded: [String: TripRecord] = [:]
        for bucket in Set(toBuild.map(\.bucket)) {
            let read = try await records.read(TripRecordBucket.self, TripRecordBucket.name(bucket))
            recorded.merge(read?.trips ?? [:]) { first, _ in first }
        }
        #expect(recorded.count == 5)
        #expect(recorded.values.filter { $0.pages.keys.contains("trips/\($0.slug)/index.html") }.count == 4)
        #expect(Set(recorded.values.filter(\.failed).map(\.slug)) == ["nara", "osaka"])
        // The derivatives of the three good photos are up, each recorded by its trip.
        let derivatives = recorded.values.flatMap(\.media)
        #expect(Set(recorded.values.filter { !$0.media.isEmpty }.map(\.slug)) == ["kyoto", "kobe", "lisbon"])
        #expect(report.derivativesEncoded == derivatives.count)
        for path in derivatives { #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("site/\(path)").path)) }
    }
}

/// On one worker the listing order is read while the trips are built: the pages go up with
/// their links when it comes, and without them (for the finalize step to put in, as a shard's
/// are) when it could not be read.
@Suite struct TripPublisherLinkingTests {
    @Test(arguments: [true, false])
    func pagesGoUpWithTheirLinksOrAreLeftToFinalize(orderRead: Bool) async throws {
        let folder = TemporaryFolder()
        let root = folder.url, media = root.appendingPathComponent("media")
        let trips = FixtureTrips(content: root, media: media)
        for (slug, start) in [("kyoto", "2024-11-02"), ("nara", "2024-11-05"), ("osaka", "2024-10-01")] {
            try trips.add(trip: slug, title: slug.capitalized, start: start, photos: [])
        }
        let shard = TripShard.all, config = SiteConfig.defaults
        let inputs = try TripInputs(configText: "title: Test", theme: RepositoryPaths.defaultTheme, keepsHeaders: false)
        let content = ContentDirectory(root: root)
        let plan = try TripPlan.make(content: content, shard: shard, inputs: inputs, known: [:])
        let records = StateRecords(store: FolderStore(root: root.appendingPathComponent("state")))
        let renderer = SiteRenderer(config: config, theme: try Theme.load(from: RepositoryPaths.defaultTheme))
        let builder = TripBuilder(
            content: content, renderer: renderer, limits: config.imageLimits, media: MediaRoot(folder: media), concurrency: 2)
        var publisher = TripPublisher(
            sync: SiteSync(
                site: FolderStore(root: root.appendingPathComponent("site")), rules: try HeaderRules(settings: config.publish),
                concurrency: 2),
            records: records, cdn: nil, logger: Logger(label: "test"), groupSize: 2)
        let siteKey = inputs.siteKey
        publisher.linking = Task { orderRead ? TripPublisher.Linking(listed: [:], siteKey: siteKey) : nil }
        var report = NightlyReport(run: "test", shard: shard)
        let marker = ShardMarker.name(run: "test", shard: shard)
        let (written, _) = await publisher.publish(
            plan: plan, building: plan.toBuild, with: builder, published: PublishedDerivatives(), buckets: [:],
            work: root.appendingPathComponent("work"), marker: marker, run: "test", shard: shard, report: &report)

        #expect(written && report.failures.isEmpty, "\(report.failures)")
        let left = try #require(try await records.read(ShardMarker.self, marker))
        let ids = Set(["kyoto", "nara", "osaka"].map(FixtureTrips.id(of:)))
        let page = try String(contentsOf: root.appendingPathComponent("site/trips/kyoto/index.html"), encoding: .utf8)
        if orderRead {
            #expect(Set((left.linked ?? [:]).keys) == ids && left.relink == nil)
            // Kyoto stands between Nara (newer) and Osaka (older).
            #expect(page.contains("/trips/nara/") && page.contains("/trips/osaka/"))
        } else {
            #expect(Set(left.relink ?? []) == ids && left.linked == nil)
            #expect(!page.contains("/trips/nara/") && !page.contains("/trips/osaka/"))
        }
    }
}
