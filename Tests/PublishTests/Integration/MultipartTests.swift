import Foundation
import IntegrationSupport
import TestSupport
import Testing

@testable import Publish

/// Large files go up in parts whose ETag publish computes itself; a publish killed at any
/// point converges when run again.
@Suite(.serialized) struct MultipartTests {
    static let parts = ["--multipart-threshold", "5M", "--part-size", "5M"]

    @Test func aLargeFileGoesUpInPartsAndIsThenKnownUnchangedFromTheListing() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        try site.addLargeFile("downloads/track.gpx.bin", size: 12 << 20)
        let result = try await site.publish(moto, Self.parts + ["--verbose"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("downloads/track.gpx.bin, 3 parts"), "\(result.stdout)")
        let stored = try #require(try await moto.objects()["downloads/track.gpx.bin"])
        #expect(stored.multipart)
        #expect(stored.md5 == (try site.outputDigests())["downloads/track.gpx.bin"], "the stored bytes are the file's")
        #expect(stored.etag.hasSuffix("-3"))
        #expect(stored.headers["x-amz-meta-tabi-md5"] == stored.md5)
        #expect(try await moto.uploadsInProgress().isEmpty)

        try await moto.resetLog()
        #expect(try await site.publish(moto, Self.parts).status == 0)
        #expect(try await moto.requests().count == 1, "the locally computed multipart ETag matches the listing's")

        // With another part size the ETag differs, and a HEAD of our own MD5 proves the bytes the same.
        try await moto.resetLog()
        let other = try await site.publish(moto, ["--multipart-threshold", "5M", "--part-size", "6M"])
        #expect(other.stdout.contains("0 uploaded"), "\(other.stdout)")
        #expect(try await moto.requests().map(\.method).sorted() == ["GET", "HEAD"])
        try await moto.expectAllSigned()
    }

    @Test func aPublishKilledMidUploadConvergesWhenRunAgain() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)

        try site.story("city-break", "A story told again, longer this time.")
        try await site.build()
        try site.addLargeFile("assets/0-large.bin", size: 30 << 20, seed: 7)
        var arguments = [
            "publish", "--output", site.output.path, "--bucket", moto.bucket, "--distribution", moto.distributionId,
            "--concurrency", "1", "--verbose",
        ]
        arguments += Self.parts
        let killed = try KilledRun.run(
            CommandRunner.tabiPress, arguments, environment: moto.environment(), in: site.folder.url,
            after: "uploaded part 1 of 6 of assets/0-large.bin")
        #expect(killed.killed, "the publish ended before it could be killed:\n\(killed.output)")
        #expect(try await moto.uploadsInProgress().map(\.key) == ["assets/0-large.bin"], "the kill left a multipart upload open")
        let record = try await moto.body(of: "_tabi/publish/invalidation-\(moto.distributionId).json")
        #expect(
            record.map { PendingInvalidation(data: $0)?.paths == nil } == true,
            "the invalidation owed was recorded before the first write, as everything: no path where readers can fetch it")

        let rerun = try await site.publish(moto, Self.parts)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try await moto.uploadsInProgress().isEmpty, "the stale upload is aborted")
        let local = try site.outputDigests()
        let stored = try await moto.objects()
        #expect(Set(stored.keys.filter { !$0.hasPrefix("_tabi/") }) == Set(local.keys))
        for (path, md5) in local { #expect(stored[path]?.decodedMd5 == md5, "\(path)") }
        #expect(!stored.keys.contains { $0.hasPrefix("_tabi/publish/invalidation-") })
        #expect(try await moto.invalidations().flatMap(\.paths) == ["/*"], "the owed invalidation, with no paths kept, is everything")

        try await moto.resetLog()
        #expect(try await site.publish(moto, Self.parts).status == 0)
        #expect(try await moto.requests().count == 1, "converged: a third publish is the listing only")
        try await moto.expectAllSigned()
    }
}
