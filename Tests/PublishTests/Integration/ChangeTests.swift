import AWS
import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// Republishing after the site changed: only what changed goes up, what is gone is deleted,
/// and CloudFront is told about exactly the pages a cache could hold.
@Suite(.serialized) struct ChangeTests {
    /// The site paths a PUT or multipart upload wrote, from moto's log (publish's own files left out).
    static func written(_ requests: [MotoStandin.LoggedRequest], bucket: String) -> Set<String> {
        Set(
            requests.filter {
                $0.method == "PUT" && !$0.query.contains("partNumber") || ($0.method == "POST" && $0.query.contains("uploadId"))
            }
            .map { String($0.path.dropFirst(bucket.count + 2)).removingPercentEncoding ?? $0.path }
            .filter { !$0.hasPrefix("_tabi/") })
    }

    /// The CloudFront paths of changed site paths, written out by hand.
    static func cdnPaths(_ paths: some Sequence<String>) -> Set<String> {
        var expected = Set<String>()
        for path in paths where !path.hasPrefix("media/") && !path.hasPrefix("assets/") && !path.hasPrefix("_tabi/") {
            expected.insert("/" + path)
            if path.hasSuffix("index.html") { expected.insert("/" + path.dropLast("index.html".count)) }
        }
        return expected
    }

    @Test func aChangedStoryUploadsOnlyTheFilesItChangedAndInvalidatesThem() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        let before = try site.outputDigests()

        try site.story("coast-walk", "A *new* story of the coast, with more to say.")
        try await site.build()
        let after = try site.outputDigests()
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(changed.contains("trips/coast-walk/index.html"))
        #expect(!changed.contains("trips/city-break/index.html"))
        #expect(Set(after.keys) == Set(before.keys))

        try await moto.resetLog()
        let result = try await site.publish(moto, ["--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.written(try await moto.requests(), bucket: moto.bucket) == changed)
        #expect(result.stdout.contains("content changed"))
        #expect(!result.stdout.contains(" new "), "\(result.stdout)")

        let invalidations = try await moto.invalidations()
        #expect(invalidations.count == 1)
        #expect(Set(invalidations.first?.paths ?? []) == Self.cdnPaths(changed))
        #expect(result.stdout.contains(invalidations.first?.id ?? "?"), "the summary names the invalidation id")
        let stored = try await moto.objects()
        for path in changed { #expect(stored[path]?.decodedMd5 == after[path], "\(path)") }
        #expect(
            try await moto.objects().keys.contains { $0.hasPrefix("_tabi/publish/invalidation-") } == false,
            "the pending invalidation record is removed once CloudFront took it")
        try await moto.expectAllSigned()
    }

    @Test func aRemovedTripsKeysAreDeletedAndItsPagesInvalidated() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        let before = try site.outputDigests()

        try site.remove(trip: "city-break")
        try await site.build()
        let after = try site.outputDigests()
        let gone = Set(before.keys).subtracting(after.keys)
        #expect(gone.contains("trips/city-break/index.html"))
        #expect(gone.contains { $0.hasPrefix("media/") }, "the trip's derivatives go too")

        let result = try await site.publish(moto)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(gone.count) deleted"), "\(result.stdout)")
        let stored = try await moto.objects()
        #expect(Set(stored.keys.filter { !$0.hasPrefix("_tabi/") }) == Set(after.keys))
        let batch = try #require(try await moto.invalidations().last?.paths)
        #expect(try await moto.invalidationsCover("/trips/city-break/"), "\(batch)")
        #expect(try await moto.invalidationsCover("/trips/city-break/index.html"), "\(batch)")
        // A withdrawn trip's photos are immutable, cached for a year: their deletion is invalidated too.
        for path in gone where path.hasPrefix("media/") {
            #expect(try await moto.invalidationsCover("/" + path), "/\(path) is still served from caches: \(batch)")
        }
        #expect(batch.contains { $0.hasPrefix("/media/") })
        #expect(!batch.contains("/*"), "only the withdrawn trip's folders, not the whole site: \(batch)")
        try await moto.expectAllSigned()
    }

    @Test func changedHeaderRulesReuploadOnlyTheFilesTheyMatch() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)

        try "publish:\n  headers:\n    - pattern: \"trips/**/*.html\"\n      cacheControl: \"public, max-age=60\"\n"
            .write(to: site.folder("tabi.yml"), atomically: true, encoding: .utf8)
        try await moto.resetLog()
        let result = try await site.publish(moto, ["--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("headers changed"))
        let requests = try await moto.requests()
        #expect(Self.written(requests, bucket: moto.bucket) == ["trips/coast-walk/index.html", "trips/city-break/index.html"])
        #expect(!requests.contains { $0.method == "HEAD" }, "the old rules tell which headers differ")
        #expect(
            requests.filter { $0.method == "GET" && !$0.query.contains("list-type") && !$0.query.contains("uploads") }.count == 1,
            "one read: the old rules' record")
        let stored = try await moto.objects()
        #expect(stored["trips/coast-walk/index.html"]?.headers["cache-control"] == "public, max-age=60")
        #expect(stored.keys.filter { $0.hasPrefix("_tabi/publish/rules-") }.count == 1, "the old rules' record is removed")

        try await moto.resetLog()
        #expect(try await site.publish(moto).status == 0)
        #expect(try await moto.requests().count == 1, "with the new rules' state, a republish is the listing only")
        try await moto.expectAllSigned()
    }

    @Test func withoutAHeaderStateHeadersAreCheckedWithHead() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        // As if the bucket had been filled by another tool: no state, and one page with other headers.
        let s3 = S3Client(settings: try moto.settings(), bucket: moto.bucket)
        let state = try await moto.objects().keys.filter { $0.hasPrefix("_tabi/publish/") }
        #expect(try await s3.deleteObjects(Array(state)).isEmpty)
        let page = site.output.appendingPathComponent("robots.txt")
        let data = try Data(contentsOf: page)
        _ = try await s3.putObject(
            key: "robots.txt", body: .data(data), md5: nil,
            attributes: S3ObjectAttributes(contentType: "text/plain", cacheControl: "max-age=9"))

        try await moto.resetLog()
        let result = try await site.publish(moto, ["--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        let requests = try await moto.requests()
        #expect(requests.filter { $0.method == "HEAD" }.count == (try site.outputDigests()).count)
        #expect(Self.written(requests, bucket: moto.bucket) == ["robots.txt"])
        #expect((try await moto.objects())["robots.txt"]?.headers["cache-control"] == "public, max-age=300, must-revalidate")
        try await moto.expectAllSigned()
    }
}
