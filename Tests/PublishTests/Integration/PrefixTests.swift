import AWS
import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// Publishing under a key prefix. moto wrongly rejects signed listings whose `prefix=` holds an
/// encoded `/` (botocore computes the same signature we send: see the AWS tests), so these run
/// against a second moto started without auth.
@Suite(.serialized) struct PrefixTests {
    @Test func aPrefixKeepsTheSiteInItsFolderAndLeavesOtherKeysAlone() async throws {
        let moto = try MotoStandin(auth: false)
        let site = try PublishSite()
        try await site.build()
        let s3 = S3Client(settings: try moto.settings(), bucket: moto.bucket)
        _ = try await s3.putObject(key: "other/keep.html", body: .text("<p>not ours</p>"), md5: nil)
        _ = try await s3.putObject(key: "blogger/keep.html", body: .text("<p>not ours either</p>"), md5: nil)

        let first = try await site.publish(moto, ["--prefix", "blog"])
        #expect(first.status == 0, "\(first.stderr)")
        let local = try site.outputDigests()
        let stored = try await moto.objects()
        #expect(Set(stored.keys.filter { $0.hasPrefix("blog/") && !$0.hasPrefix("blog/_tabi/") }) == Set(local.keys.map { "blog/" + $0 }))
        #expect(stored["other/keep.html"] != nil && stored["blogger/keep.html"] != nil)

        try await moto.resetLog()
        #expect(try await site.publish(moto, ["--prefix", "blog/"]).status == 0)
        #expect(try await moto.requests().count == 1)

        try site.story("coast-walk", "Changed under a prefix.")
        try await site.build()
        #expect(try await site.publish(moto, ["--prefix", "blog/"]).status == 0)
        let paths = Set(try await moto.invalidations().flatMap(\.paths))
        #expect(paths.contains("/blog/trips/coast-walk/"), "with the origin at the bucket root, paths keep the prefix: \(paths)")

        try site.story("coast-walk", "Changed again, behind an origin path.")
        try await site.build()
        #expect(try await site.publish(moto, ["--prefix", "blog/", "--origin-path", "/blog"]).status == 0)
        let latest = try #require(try await moto.invalidations().last)
        #expect(latest.paths.contains("/trips/coast-walk/"), "\(latest.paths)")
        #expect(!latest.paths.contains { $0.hasPrefix("/blog/") })
        #expect(try await moto.objects()["other/keep.html"] != nil)

        let wrong = try await site.publish(moto, ["--prefix", "blog/", "--origin-path", "/elsewhere"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("--origin-path"))
    }

    @Test func keysWithReservedAndNonASCIICharactersRoundTrip() async throws {
        // moto rejects signatures on such keys even when botocore agrees with them; without auth
        // the listing's URL-encoded keys can be checked to decode back to the same names.
        let moto = try MotoStandin(auth: false)
        let site = try PublishSite()
        try await site.build()
        try FileManager.default.createDirectory(at: site.output.appendingPathComponent("notes"), withIntermediateDirectories: true)
        for name in ["notes/a:b+c.html", "notes/über café.html", "notes/100%.txt"] {
            try "<p>\(name)</p>".write(to: site.output.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        #expect(try await site.publish(moto).status == 0)
        let stored = try await moto.objects(prefix: "notes/")
        #expect(Set(stored.keys) == ["notes/a:b+c.html", "notes/über café.html", "notes/100%.txt"])
        try await moto.resetLog()
        let again = try await site.publish(moto)
        #expect(again.stdout.contains("0 uploaded"), "\(again.stdout)")
        #expect(try await moto.requests().count == 1)
    }
}
