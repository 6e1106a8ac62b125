import AWS
import ContentStore
import Foundation
import Testing

@testable import Publish

@Suite struct PublishPlannerTests {
    let planner = PublishPlanner(keys: PlanFixtures.keys, rules: PlanFixtures.rules, cdnPaths: CloudFrontPaths(originPath: ""))

    @Test func anEmptyBucketGetsEverythingInStageOrder() {
        let local = PlanFixtures.site.map { PlanFixtures.local($0) }
        let plan = planner.plan(local: local, remote: PlanFixtures.state([], rulesCurrent: false))
        #expect(plan.uploads.allSatisfy { $0.reason == .new })
        #expect(
            plan.uploads.map(\.object.path) == [
                "assets/style.3f2a9c1b.css", "media/5a/5a5df070c68d290a-w960-1ac93c.webp",
                "trips/kyoto/index.html", "trips/nara/index.html",
                "404.html", "feed.xml", "index.html", "robots.txt", "sitemap.xml",
            ])
        #expect(plan.deletes.isEmpty)
        #expect(plan.writesRulesRecord)
        #expect(plan.invalidationPaths.isEmpty, "new keys are in no cache")
    }

    @Test func theListingsGoLastSitemapPartsAndTagPagesAmongThem() {
        for path in ["index.html", "sitemap.xml", "sitemaps/1.xml", "page/2/index.html", "tags/food/index.html"] {
            #expect(PublishStage.of(path) == .listings, "\(path)")
        }
        for path in ["trips/kyoto/index.html", "sitemaps.xml", "trips/sitemaps/1.xml", "media/5a/x.webp"] {
            #expect(PublishStage.of(path) != .listings, "\(path)")
        }
    }

    @Test func anUnchangedSiteWithItsRulesRecordPlansNothing() {
        let local = PlanFixtures.site.map { PlanFixtures.local($0) }
        let remote = PlanFixtures.state(local.map(PlanFixtures.remote))
        let plan = planner.plan(local: local, remote: remote)
        #expect(plan.isEmpty)
        #expect(plan.unchanged.count == local.count)
        #expect(planner.keysToInspect(local: local, remote: remote, recorded: [:]).isEmpty, "nothing to HEAD either")
    }

    @Test func changedBytesAndChangedHeadersAreToldApart() {
        let before = PlanFixtures.site.map { PlanFixtures.local($0) }
        var after = before
        after[after.firstIndex { $0.path == "trips/kyoto/index.html" }!] = PlanFixtures.local("trips/kyoto/index.html", "v2")
        let remote = PlanFixtures.state(before.map(PlanFixtures.remote), rulesCurrent: false)
        var recorded = Dictionary(uniqueKeysWithValues: before.map { ($0.key, $0.headers.hash) })
        recorded["feed.xml"] = "0000000000000000"
        let plan = planner.plan(local: after, remote: remote, inspection: RemoteInspection(headerHashes: recorded))
        #expect(
            plan.uploads.map { "\($0.object.path): \($0.reason.rawValue)" } == [
                "trips/kyoto/index.html: content changed", "feed.xml: headers changed",
            ])
        #expect(plan.invalidationPaths == ["/feed.xml", "/trips/kyoto/", "/trips/kyoto/index.html"])
    }

    @Test func theOldRulesTellWhichObjectsHeadersDifferWithoutAnyPath() throws {
        let old = try HeaderRules(settings: .defaults)
        let new = try HeaderRules(settings: .init(maxDeletes: 256, headers: [.init(pattern: "trips/**", cacheControl: "max-age=60")]))
        let local = PlanFixtures.site.map { PlanFixtures.local($0, rules: new) }
        // The record holds the rules alone, and gives them back.
        let record = HeaderRulesRecord(rules: old)
        let reread = try #require(HeaderRulesRecord(data: record.data)?.rules)
        #expect(!String(decoding: record.data, as: UTF8.self).contains("kyoto"))
        let recorded = Dictionary(uniqueKeysWithValues: local.map { ($0.key, reread.headerHash(of: $0)) })
        let planner = PublishPlanner(keys: PlanFixtures.keys, rules: new, cdnPaths: nil)
        let remote = PlanFixtures.state(local.map(PlanFixtures.remote), rulesCurrent: false, extra: [PlanFixtures.rulesRecord(old)])
        #expect(planner.keysToInspect(local: local, remote: remote, recorded: recorded).isEmpty, "no HEADs")
        let plan = planner.plan(local: local, remote: remote, inspection: RemoteInspection(headerHashes: recorded))
        #expect(
            plan.uploads.map { "\($0.object.path): \($0.reason.rawValue)" } == [
                "trips/kyoto/index.html: headers changed", "trips/nara/index.html: headers changed",
            ])
        #expect(plan.writesRulesRecord)
        #expect(plan.retired == [PlanFixtures.rulesRecord(old).key], "the old rules' record goes")
        // Rules of another built-in version cannot be worked out again: HEADs stand in.
        var foreign = record
        foreign.fingerprint = "0123456789abcdef"
        #expect(foreign.rules == nil)
    }

    @Test func deletesSpareOtherToolsReservedKeysFolderMarkersAndKeysOutsideThePrefix() throws {
        let keys = try PublishKeys(prefix: "blog/")
        let planner = PublishPlanner(keys: keys, rules: PlanFixtures.rules, cdnPaths: CloudFrontPaths(originPath: ""))
        let kept = PlanFixtures.local("index.html", keys: keys)
        let gone = ["trips/old/index.html", "media/aa/aaaaaaaaaaaaaaaa-w480-000000.webp"].map { PlanFixtures.local($0, keys: keys) }
        let extra = [
            S3Object(key: "blog/_tabi/other-tool.json", etag: "1", size: 1), S3Object(key: "blog/photos/", etag: "2", size: 0),
            S3Object(key: "other/page.html", etag: "4", size: 1),
        ]
        let remote = PlanFixtures.state(([kept] + gone).map(PlanFixtures.remote), extra: extra, keys: keys)
        let plan = planner.plan(local: [kept], remote: remote)
        #expect(
            plan.deletes == ["blog/trips/old/index.html", "blog/media/aa/aaaaaaaaaaaaaaaa-w480-000000.webp"],
            "the page goes before the media it shows")
        #expect(plan.retired.isEmpty)
        #expect(
            plan.invalidationPaths == [
                "/blog/media/aa/aaaaaaaaaaaaaaaa-w480-000000.webp", "/blog/trips/old/", "/blog/trips/old/index.html",
            ],
            "a deleted derivative is invalidated though immutable: caches would serve it for a year")
    }

    @Test func whatEarlierVersionsLeftReadableBesideTheSiteIsRetired() {
        let local = [PlanFixtures.local("index.html")]
        let extra = [
            "_tabi/derivatives.json", "_tabi/publish/headers-0123456789abcdef.json", "_tabi/publish/rules-fedcba9876543210.json",
            "_tabi/other-tool.json", "_tabi/publish/invalidation-E1.json",
        ]
        .map { S3Object(key: $0, etag: "1", size: 1) }
        let plan = planner.plan(local: local, remote: PlanFixtures.state(local.map(PlanFixtures.remote), extra: extra))
        #expect(
            plan.retired == [
                "_tabi/derivatives.json", "_tabi/publish/headers-0123456789abcdef.json",
                "_tabi/publish/rules-fedcba9876543210.json",
            ])
        #expect(plan.deletes.isEmpty, "reserved keys are never site deletes")
    }

    @Test func aRefusedPathIsNotGoneItsKeyStays() {
        let local = ["index.html", "robots.txt"].map { PlanFixtures.local($0) }
        let link = RefusedFile(path: "robots.txt", error: ConfinedFileError(path: "/out/robots.txt", problem: .symbolicLink))
        let remote = PlanFixtures.state(local.map(PlanFixtures.remote))
        let plan = planner.plan(local: [local[0]], refused: [link], remote: remote)
        #expect(plan.deletes.isEmpty)
        #expect(plan.refused == [link])
        #expect(plan.refused(in: .listings) == [link])
        #expect(plan.invalidationPaths.isEmpty)
    }

    @Test func buildFilesGoToAPrivateStoreOnlyWhenChanged() {
        let manifest = StateFile(name: "build/derivatives.json", data: Data("{}\n".utf8))
        let local = [PlanFixtures.local("index.html")]
        let stored = [
            "build/derivatives.json": S3Object(key: "state/build/derivatives.json", etag: manifest.md5, size: 3),
            "build/old.json": S3Object(key: "state/build/old.json", etag: "1", size: 1),
        ]
        let same = planner.plan(
            local: local, remote: PlanFixtures.state(local.map(PlanFixtures.remote), records: stored),
            buildFiles: [manifest])
        #expect(same.stateWrites.isEmpty)
        #expect(same.staleStateRecords == ["build/old.json"])
        let changed = StateFile(name: "build/derivatives.json", data: Data("{\"a\":1}\n".utf8))
        #expect(
            planner.plan(
                local: local, remote: PlanFixtures.state(local.map(PlanFixtures.remote), records: stored),
                buildFiles: [changed]
            ).stateWrites == [changed])
        let link = RefusedFile(
            path: "_tabi/derivatives.json", error: ConfinedFileError(path: "/out/_tabi/derivatives.json", problem: .symbolicLink))
        #expect(
            planner.plan(local: local, refused: [link], remote: PlanFixtures.state(local.map(PlanFixtures.remote), records: stored))
                .staleStateRecords == ["build/old.json"], "a refused build file's record stays")
        let served = planner.plan(
            local: local, remote: PlanFixtures.state(local.map(PlanFixtures.remote)), unkept: ["_tabi/derivatives.json"])
        #expect(served.stateWrites.isEmpty && served.unkeptBuildFiles == ["_tabi/derivatives.json"])
    }

    @Test func withoutTheCurrentRulesMatchingObjectsAreInspectedUnlessRecorded() {
        let local = ["index.html", "feed.xml"].map { PlanFixtures.local($0) }
        let remote = PlanFixtures.state(local.map(PlanFixtures.remote), rulesCurrent: false)
        #expect(planner.keysToInspect(local: local, remote: remote, recorded: ["index.html": "x"]) == ["feed.xml"])
        let unknown = planner.plan(local: local, remote: remote)
        #expect(unknown.uploads.map(\.reason) == [.headersChanged, .headersChanged], "unknown headers are uploaded, never assumed right")
        let legacy = S3Object(key: "_tabi/publish/headers-\(PlanFixtures.rules.fingerprint).json", etag: "1", size: 1)
        let upgraded = PlanFixtures.state(local.map(PlanFixtures.remote), rulesCurrent: false, extra: [legacy])
        #expect(planner.rulesAreCurrent(upgraded), "an earlier version's state of the same rules stands for the record")
        #expect(planner.plan(local: local, remote: upgraded).uploads.isEmpty)
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

    @Test func theRulesRecordIsRewrittenOnlyWhenItsBytesChange() {
        let local = ["index.html"].map { PlanFixtures.local($0) }
        #expect(!planner.plan(local: local, remote: PlanFixtures.state(local.map(PlanFixtures.remote))).writesRulesRecord)
        var stale = PlanFixtures.rulesRecord()
        stale.etag = "0"
        let rewritten = planner.plan(
            local: local, remote: RemoteState(listing: local.map(PlanFixtures.remote) + [stale], keys: PlanFixtures.keys))
        #expect(rewritten.writesRulesRecord)
        #expect(HeaderRulesRecord(rules: PlanFixtures.rules).data == HeaderRulesRecord(rules: PlanFixtures.rules).data)
    }
}
