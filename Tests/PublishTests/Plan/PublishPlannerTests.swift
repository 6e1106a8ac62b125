import AWS
@testable import Publish
import Testing

@Suite struct PublishPlannerTests {
    let planner = PublishPlanner(keys: PlanFixtures.keys, rules: PlanFixtures.rules, cdnPaths: CloudFrontPaths(originPath: ""))

    @Test func anEmptyBucketGetsEverythingInStageOrder() {
        let local = PlanFixtures.site.map { PlanFixtures.local($0) }
        let plan = planner.plan(local: local, remote: PlanFixtures.state([], stateCurrent: false))
        #expect(plan.uploads.allSatisfy { $0.reason == .new })
        #expect(plan.uploads.map(\.object.path) == [
            "assets/style.3f2a9c1b.css", "media/5a/5a5df070c68d290a-w960-1ac93c.webp",
            "trips/kyoto/index.html", "trips/nara/index.html",
            "404.html", "feed.xml", "index.html", "robots.txt", "sitemap.xml",
            "_tabi/derivatives.json",
        ])
        #expect(plan.deletes.isEmpty)
        #expect(plan.writesHeaderState)
        #expect(plan.invalidationPaths.isEmpty, "new keys are in no cache")
    }

    @Test func anUnchangedSiteWithItsHeaderStatePlansNothing() {
        let local = PlanFixtures.site.map { PlanFixtures.local($0) }
        var remote = PlanFixtures.state(local.map(PlanFixtures.remote))
        let stateKey = PlanFixtures.keys.headerState(fingerprint: PlanFixtures.rules.fingerprint)
        let state = HeaderState(rules: PlanFixtures.rules, objects: local)
        remote.headerStates = [S3Object(key: stateKey, etag: state.md5, size: 1)]
        let plan = planner.plan(local: local, remote: remote)
        #expect(plan.isEmpty)
        #expect(plan.unchanged.count == local.count)
        #expect(planner.keysToInspect(local: local, remote: remote, recorded: [:]).isEmpty, "nothing to HEAD either")
    }

    @Test func changedBytesAndChangedHeadersAreToldApart() {
        let before = PlanFixtures.site.map { PlanFixtures.local($0) }
        var after = before
        after[after.firstIndex { $0.path == "trips/kyoto/index.html" }!] = PlanFixtures.local("trips/kyoto/index.html", "v2")
        let remote = PlanFixtures.state(before.map(PlanFixtures.remote), stateCurrent: false)
        var recorded = Dictionary(uniqueKeysWithValues: before.map { ($0.key, $0.headers.hash) })
        recorded["feed.xml"] = "0000000000000000"
        let plan = planner.plan(local: after, remote: remote, inspection: RemoteInspection(headerHashes: recorded))
        #expect(plan.uploads.map { "\($0.object.path): \($0.reason.rawValue)" } == [
            "trips/kyoto/index.html: content changed", "feed.xml: headers changed",
        ])
        #expect(plan.invalidationPaths == ["/feed.xml", "/trips/kyoto/", "/trips/kyoto/index.html"])
    }

    @Test func deletesSpareTheReservedFolderAndFolderMarkersAndKeysOutsideThePrefix() throws {
        let keys = try PublishKeys(prefix: "blog/")
        let planner = PublishPlanner(keys: keys, rules: PlanFixtures.rules, cdnPaths: CloudFrontPaths(originPath: ""))
        let kept = PlanFixtures.local("index.html", keys: keys)
        let gone = ["trips/old/index.html", "media/aa/aaaaaaaaaaaaaaaa-w480-000000.webp"].map { PlanFixtures.local($0, keys: keys) }
        let extra = [S3Object(key: "blog/_tabi/other-tool.json", etag: "1", size: 1), S3Object(key: "blog/photos/", etag: "2", size: 0),
                     S3Object(key: "blog/_tabi/publish/headers-0123456789abcdef.json", etag: "3", size: 1)]
        let remote = PlanFixtures.state(([kept] + gone).map(PlanFixtures.remote), extra: extra, keys: keys)
        let plan = planner.plan(local: [kept], remote: remote)
        #expect(plan.deletes == ["blog/media/aa/aaaaaaaaaaaaaaaa-w480-000000.webp", "blog/trips/old/index.html"])
        #expect(plan.staleHeaderStates == ["blog/_tabi/publish/headers-0123456789abcdef.json"])
        #expect(plan.invalidationPaths == ["/blog/trips/old/", "/blog/trips/old/index.html"], "immutable derivatives need none")
    }

    @Test func withoutTheCurrentStateMatchingObjectsAreInspectedUnlessRecorded() {
        let local = ["index.html", "feed.xml"].map { PlanFixtures.local($0) }
        let remote = PlanFixtures.state(local.map(PlanFixtures.remote), stateCurrent: false)
        #expect(planner.keysToInspect(local: local, remote: remote, recorded: ["index.html": "x"]) == ["feed.xml"])
        let unknown = planner.plan(local: local, remote: remote)
        #expect(unknown.uploads.map(\.reason) == [.headersChanged, .headersChanged], "unknown headers are uploaded, never assumed right")
    }

    @Test func aSameSizedObjectWithAnotherETagIsProvenUnchangedByItsMD5Metadata() {
        let object = PlanFixtures.local("downloads/big.bin")
        let stored = S3Object(key: object.key, etag: "\"0123456789abcdef0123456789abcdef-3\"", size: object.size)
        let remote = PlanFixtures.state([stored])
        #expect(planner.keysToInspect(local: [object], remote: remote, recorded: [:]) == [object.key])
        let proven = planner.plan(local: [object], remote: remote, inspection: RemoteInspection(md5s: [object.key: object.md5]))
        #expect(proven.uploads.isEmpty)
        let other = planner.plan(local: [object], remote: remote, inspection: RemoteInspection(md5s: [object.key: "ffff"]))
        #expect(other.uploads.map(\.reason) == [.contentChanged])
    }

    @Test func noDistributionMeansNoInvalidationPaths() {
        let planner = PublishPlanner(keys: PlanFixtures.keys, rules: PlanFixtures.rules, cdnPaths: nil)
        let before = PlanFixtures.local("index.html")
        let plan = planner.plan(local: [PlanFixtures.local("index.html", "v2")], remote: PlanFixtures.state([PlanFixtures.remote(before)]))
        #expect(plan.uploads.count == 1)
        #expect(plan.invalidationPaths.isEmpty)
    }

    @Test func theHeaderStateIsRewrittenOnlyWhenItsBytesChange() {
        let local = ["index.html"].map { PlanFixtures.local($0) }
        let state = HeaderState(rules: PlanFixtures.rules, objects: local)
        let key = PlanFixtures.keys.headerState(fingerprint: PlanFixtures.rules.fingerprint)
        let same = RemoteState(listing: local.map(PlanFixtures.remote) + [S3Object(key: key, etag: state.md5, size: 1)],
                               keys: PlanFixtures.keys, distributionId: nil)
        #expect(!planner.plan(local: local, remote: same).writesHeaderState)
        let more = local + [PlanFixtures.local("feed.xml")]
        #expect(planner.plan(local: more, remote: same).writesHeaderState)
        #expect(state.data == HeaderState(rules: PlanFixtures.rules, objects: local).data, "the same state gives the same bytes")
    }
}
