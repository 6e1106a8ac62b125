import AWS
import Foundation
import IntegrationSupport
import TestSupport
import Testing

@testable import Publish

/// Links inside `Output/` (a page that is a link to `~/.aws/credentials`, a folder linked
/// elsewhere, a FIFO): refused, named, never read or uploaded, and never taken for a deletion.
@Suite(.serialized) struct LinkTests {
    static let secret = "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYNOTFORUPLOAD"

    /// A folder outside the output with a secret file and a folder of its own.
    static func outside() throws -> TemporaryFolder {
        let outside = TemporaryFolder("tabi-outside")
        try Data(secret.utf8).write(to: outside("credentials"))
        try FileManager.default.createDirectory(at: outside("photos"), withIntermediateDirectories: true)
        try Data(secret.utf8).write(to: outside("photos/private.txt"))
        return outside
    }

    /// Keys whose decoded bytes hold the secret.
    static func keysHoldingTheSecret(_ moto: MotoStandin) async throws -> [String] {
        var found: [String] = []
        for key in try await moto.objects().keys.sorted() {
            if let body = try await moto.body(of: key), String(decoding: body, as: UTF8.self).contains("NOTFORUPLOAD") { found.append(key) }
        }
        return found
    }

    @Test func linksAreRefusedNamedNeverUploadedAndTheirKeysKept() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        let outside = try Self.outside()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        let before = try await moto.objects()

        // A page changes; then a published derivative becomes a link, and new links and a FIFO appear.
        try site.story("coast-walk", "Changed while the links were there.")
        try await site.build()
        let media = try #require(try site.outputDigests().keys.sorted().first { $0.hasPrefix("media/") && $0.hasSuffix(".webp") })
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(media))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent(media), withDestinationURL: outside("credentials"))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("credentials.txt"), withDestinationURL: outside("credentials"))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent("media/elsewhere"), withDestinationURL: outside("photos"))
        #expect(mkfifo(site.output.appendingPathComponent("notes.txt").path, 0o600) == 0)
        try await moto.resetLog()

        let result = try await site.publish(moto, ["--verbose"])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        for path in [media, "credentials.txt", "media/elsewhere", "notes.txt"] {
            #expect(
                result.stderr.contains("\(path) is") || result.stdout.contains("refused \(path)"),
                "\(path) is not named:\n\(result.stdout)\n\(result.stderr)")
        }
        #expect(result.stdout.contains("4 refused"), "\(result.stdout)")
        #expect(result.stdout.contains("Failed: "), "\(result.stdout)")
        let after = try await moto.objects()
        #expect(after[media]?.md5 == before[media]?.md5, "a refused path is not gone: its key stays as it was")
        #expect(after["credentials.txt"] == nil && after["notes.txt"] == nil)
        #expect(!after.keys.contains { $0.hasPrefix("media/elsewhere") })
        #expect(
            after["trips/coast-walk/index.html"]?.md5 == before["trips/coast-walk/index.html"]?.md5,
            "pages wait for a media stage that had a refused file")
        #expect(try await Self.keysHoldingTheSecret(moto).isEmpty)
        #expect(!(try await moto.requests()).contains { $0.method == "POST" && $0.query.hasPrefix("delete") }, "nothing deleted")

        // Links gone, published through an output folder that is itself a link: converges.
        for path in [media, "credentials.txt", "media/elsewhere", "notes.txt"] {
            try FileManager.default.removeItem(at: site.output.appendingPathComponent(path))
        }
        try await site.build()
        let linkedOutput = outside("Output")
        try FileManager.default.createSymbolicLink(at: linkedOutput, withDestinationURL: site.output)
        let fixed = try await CommandRunner.tabiPress(
            ["publish", "--output", linkedOutput.path, "--bucket", moto.bucket],
            environment: moto.environment(), in: site.folder.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        let stored = try await moto.objects()
        for (path, md5) in try site.outputDigests() { #expect(stored[path]?.decodedMd5 == md5, "\(path)") }
        try await moto.expectAllSigned()
    }

    @Test func aFileSwappedForALinkAfterThePlanIsNeverRead() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        let outside = try Self.outside()
        try await site.build()
        let s3 = S3Client(settings: try moto.settings(), bucket: moto.bucket)
        let publisher = Publisher(
            options: PublishOptions(output: site.output, bucket: moto.bucket, keys: try PublishKeys(prefix: "")),
            s3: s3, cloudFront: nil)
        let planned = try await publisher.plan()
        // Streamed from disk (not compressed in memory at planning), then swapped for a link.
        let swapped = try #require(planned.plan.uploads.first { $0.object.body == .file && $0.object.path.hasPrefix("media/") }?.object)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(swapped.path))
        try FileManager.default.createSymbolicLink(
            at: site.output.appendingPathComponent(swapped.path), withDestinationURL: outside("credentials"))

        let report = await publisher.apply(planned)
        #expect(report.failures.map(\.key) == [swapped.key], "\(report.failures)")
        #expect(report.failures.first?.message.contains("symbolic link") == true, "\(report.failures)")
        #expect(try await moto.objects()[swapped.key] == nil)
        #expect(try await Self.keysHoldingTheSecret(moto).isEmpty)
    }
}
