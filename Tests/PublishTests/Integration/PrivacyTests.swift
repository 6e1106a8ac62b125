import AWS
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

@testable import Publish

/// Nothing publish keeps may tell a reader of the site what the site does not link: with an
/// unlisted trip published, no object a reader can fetch (anything under the served prefix)
/// names its slug, an original's hash or a derivative no public page links. With `--state`,
/// what names paths goes to a private location instead.
@Suite(.serialized) struct PrivacyTests {
    static let unlisted = "secret-honeymoon"

    /// Two public trips and an unlisted one with photos of its own, built.
    static func siteWithAnUnlistedTrip() async throws -> PublishSite {
        let site = try PublishSite()
        try site.add(
            trip: unlisted, title: "Secret Honeymoon", start: "2024-06-01", visibility: .unlisted,
            photos: ["cmyk.jpg", "display-p3-red.jpg"])
        try await site.build()
        return site
    }

    /// What no object outside the unlisted trip's own folder may contain: its slug, the full
    /// hash of any original, and every derivative path no public page or listing mentions.
    static func secrets(of site: PublishSite) throws -> [String] {
        let originals = try FolderFiles.urls(under: site.media).values.map { ContentHash.sha256(try Data(contentsOf: $0)) }
        let files = try FolderFiles.urls(under: site.output)
        let publicText = try files.filter { path, _ in
            !path.hasPrefix("trips/\(unlisted)/") && !path.hasPrefix("media/") && !path.hasPrefix("_tabi/")
        }.values.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }.joined(separator: "\n")
        let unlinked = files.keys.filter { $0.hasPrefix("media/") && !publicText.contains($0) }
        #expect(unlinked.count >= 2, "the unlisted trip has derivatives of its own: \(unlinked)")
        #expect(!publicText.contains(unlisted), "the build itself lists the unlisted trip")
        return [unlisted] + originals + unlinked.sorted()
    }

    /// Every object under `prefix` a reader could fetch that names one of `secrets`, with what it names.
    static func leaks(_ moto: MotoStandin, _ secrets: [String], prefix: String = "") async throws -> [String] {
        var found: [String] = []
        for key in try await moto.objects(prefix: prefix).keys.sorted() where !key.hasPrefix(prefix + "trips/\(unlisted)/") {
            let text = String(decoding: try #require(try await moto.body(of: key)), as: UTF8.self)
            for secret in secrets where text.contains(secret) { found.append("\(key) names \(secret)") }
        }
        return found
    }

    @Test func anUnlistedTripLeavesNoTraceAReaderCanFetch() async throws {
        let moto = try MotoStandin()
        let site = try await Self.siteWithAnUnlistedTrip()
        let secrets = try Self.secrets(of: site)
        #expect(try await site.publish(moto).status == 0)
        #expect(try await Self.leaks(moto, secrets).isEmpty)

        // A change to the unlisted trip and an invalidation that CloudFront refuses: the owed
        // invalidation stays beside the site, and says nothing about which paths.
        try site.story(Self.unlisted, "Only for those who have the link.")
        try site.story("coast-walk", "A public change.")
        try await site.build()
        try await moto.injectFaults(rate: 1, kinds: ["500"], match: "/distribution/")
        let refused = try await site.publish(moto)
        #expect(refused.status == 1, "\(refused.stdout)\n\(refused.stderr)")
        let stored = try await moto.objects()
        #expect(stored["_tabi/publish/invalidation-\(moto.distributionId).json"] != nil, "the invalidation is still owed")
        #expect(stored["_tabi/derivatives.json"] == nil, "the build's manifest is never uploaded beside the site")
        let leaks = try await Self.leaks(moto, secrets)
        #expect(leaks.isEmpty, "\(leaks)")

        // The next publish owes everything, as no path was kept.
        try await moto.injectFaults(rate: 0)
        #expect(try await site.publish(moto).status == 0)
        #expect(try await moto.invalidations().last?.paths == ["/*"])
        #expect(try await Self.leaks(moto, secrets).isEmpty)
        try await moto.expectAllSigned()
    }

    @Test func withAStateLocationPathsAreKeptPrivatelyAndSentExactly() async throws {
        let moto = try MotoStandin(buckets: ["tabi-site", "tabi-state"])
        let site = try await Self.siteWithAnUnlistedTrip()
        let secrets = try Self.secrets(of: site)
        let state = ["--state", "s3://tabi-state"]
        #expect(try await site.publish(moto, state).status == 0)
        let manifest = try #require(try await moto.body(of: "build/derivatives.json", bucket: "tabi-state"))
        #expect(manifest == (try Data(contentsOf: site.output.appendingPathComponent("_tabi/derivatives.json"))))

        try site.story(Self.unlisted, "Changed, for the few.")
        try await site.build()
        try await moto.injectFaults(rate: 1, kinds: ["500"], match: "/distribution/")
        #expect(try await site.publish(moto, state).status == 1)
        let owed = try #require(try await moto.body(of: "invalidation-\(moto.distributionId).json", bucket: "tabi-state"))
        let record = try #require(PendingInvalidation(data: owed))
        #expect(record.paths == ["/trips/\(Self.unlisted)/", "/trips/\(Self.unlisted)/index.html"], "the exact paths, kept privately")
        #expect(try await moto.objects().keys.allSatisfy { !$0.contains("invalidation-") }, "nothing owed beside the site")
        let leaks = try await Self.leaks(moto, secrets)
        #expect(leaks.isEmpty, "\(leaks)")

        try await moto.injectFaults(rate: 0)
        #expect(try await site.publish(moto, state).status == 0)
        let sent = try #require(try await moto.invalidations().last)
        #expect(
            sent.paths == record.paths && sent.callerReference == record.callerReference,
            "the owed batch is sent as it was recorded, with its caller reference")
        #expect(try await moto.objects(bucket: "tabi-state").keys.sorted() == ["build/derivatives.json"])

        try await moto.resetLog()
        #expect(try await site.publish(moto, state).status == 0)
        #expect(try await moto.requests().count == 2, "nothing changed: the site's listing and the state's")
        try await moto.expectAllSigned()
    }

    @Test func whatEarlierVersionsLeftReadableIsDeleted() async throws {
        let moto = try MotoStandin()
        let site = try await Self.siteWithAnUnlistedTrip()
        let secrets = try Self.secrets(of: site)
        let s3 = S3Client(settings: try moto.settings(), bucket: moto.bucket)
        // As an earlier version left them: every path, every original, the paths of an owed invalidation.
        let rules = try HeaderRules(settings: .defaults)
        let paths = try site.outputDigests().keys.sorted()
        let legacy =
            #"{"format": 1, "rules": "0123456789abcdef", "headers": {\#(paths.map { "\"\($0)\": \"0\"" }.joined(separator: ", "))}}"#
        _ = try await s3.putObject(key: "_tabi/publish/headers-0123456789abcdef.json", body: .text(legacy), md5: nil)
        _ = try await s3.putObject(
            key: "_tabi/derivatives.json",
            body: .data(try Data(contentsOf: site.output.appendingPathComponent("_tabi/derivatives.json"))), md5: nil)
        let owed = PendingInvalidation(
            distributionId: moto.distributionId, paths: ["/trips/\(Self.unlisted)/"], callerReference: "tabi-1-old")
        _ = try await s3.putObject(key: "_tabi/publish/invalidation-\(moto.distributionId).json", body: .data(owed.data), md5: nil)
        _ = try await s3.putObject(key: "_tabi/other-tool.json", body: .text("{}"), md5: nil)
        #expect(try await Self.leaks(moto, secrets).count >= 3, "the test must see the leaks it is about")

        let result = try await site.publish(moto, ["--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("_tabi/derivatives.json (left by an earlier publish)"), "\(result.stdout)")
        let reserved = try await moto.objects(prefix: "_tabi/").keys.sorted()
        #expect(reserved == ["_tabi/other-tool.json", "_tabi/publish/rules-\(rules.fingerprint).json"], "\(reserved)")
        #expect(try await moto.invalidationsCover("/trips/\(Self.unlisted)/"), "the owed paths were still invalidated")
        #expect(try await Self.leaks(moto, secrets).isEmpty)
    }

    @Test func aStateLocationTheDistributionServesIsRefused() async throws {
        let moto = try MotoStandin()
        let site = try await Self.siteWithAnUnlistedTrip()
        for state in ["s3://tabi-site/state", "s3://tabi-site", "s3://tabi-site/_tabi/private/"] {
            let result = try await site.publish(moto, ["--state", state])
            #expect(result.status == 2, "\(state): \(result.stdout)")
            #expect(result.stderr.contains("is inside what the distribution serves"), "\(result.stderr)")
        }
        let notS3 = try await site.publish(moto, ["--state", "/var/lib/tabi"])
        #expect(notS3.status != 0 && notS3.stderr.contains("--state must be s3://"), "\(notS3.stderr)")
        #expect(try await moto.requests().isEmpty, "refused before any request")
        #expect(try await moto.objects().isEmpty)
    }
}
