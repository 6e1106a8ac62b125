import AWS
import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// `build --media s3://bucket/prefix`: photo originals read from a bucket, only when a
/// derivative has to be made, with errors naming the key.
@Suite(.serialized) struct MediaSourceTests {
    @Test func buildReadsOriginalsFromABucketOnlyWhenItMustEncode() async throws {
        let moto = try MotoStandin(buckets: ["tabi-site", "tabi-media"])
        let site = try PublishSite()
        try await site.build()
        let local = try site.outputDigests().filter { $0.key.hasPrefix("media/") }

        let s3 = S3Client(settings: try moto.settings(), bucket: "tabi-media")
        let originals = try FileManager.default.subpathsOfDirectory(atPath: site.media.path).filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: site.media.appendingPathComponent($0).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }
        for key in originals {
            _ = try await s3.putObject(key: "originals/" + key, body: .file(path: site.media.appendingPathComponent(key).path), md5: nil)
        }
        try await moto.resetLog()

        let output = site.folder("FromBucket")
        let arguments = [
            "build", "--content", site.content.path, "--output", output.path, "--theme", RepositoryPaths.defaultTheme.path,
            "--media", "s3://tabi-media/originals", "--quiet",
        ]
        let built = try await CommandRunner.tabiPress(arguments, environment: moto.environment(), in: site.folder.url)
        #expect(built.status == 0, "\(built.stderr)")
        let fromBucket = try PublishSite.digests(under: output).filter { $0.key.hasPrefix("media/") }
        #expect(fromBucket == local, "derivatives made from the bucket's originals equal those made from the folder")
        let gets = try await moto.requests().filter { $0.method == "GET" }
        #expect(gets.count == originals.count, "one GetObject per original")

        try await moto.resetLog()
        #expect(try await CommandRunner.tabiPress(arguments, environment: moto.environment(), in: site.folder.url).status == 0)
        #expect(try await moto.requests().isEmpty, "every derivative exists: no original is fetched")

        let missing = try #require(originals.first { $0.hasSuffix("small.jpg") })
        #expect(try await s3.deleteObjects(["originals/" + missing]).isEmpty)
        try FileManager.default.removeItem(at: output.appendingPathComponent("media"))
        try FileManager.default.removeItem(at: output.appendingPathComponent("_tabi"))
        let broken = try await CommandRunner.tabiPress(arguments, environment: moto.environment(), in: site.folder.url)
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("s3://tabi-media/originals/\(missing)"), "\(broken.stderr)")
        #expect(broken.stderr.contains("NoSuchKey"), "\(broken.stderr)")
        try await moto.expectAllSigned()
    }
}
