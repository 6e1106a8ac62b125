import Foundation
import IntegrationSupport
import TestSupport
import Testing

/// A first publish to an empty bucket, then a republish with nothing changed, against moto
/// checking every signature.
@Suite(.serialized) struct FirstPublishTests {
    @Test func firstPublishMirrorsOutputByteForByteWithTheRightHeaders() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        let result = try await site.publish(moto)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 failed"), "\(result.stdout)")

        let local = try site.outputDigests()
        let stored = try await moto.objects()
        let siteKeys = Set(stored.keys.filter { !$0.hasPrefix("_tabi/") })
        #expect(siteKeys == Set(local.keys), "bucket and Output/ differ: \(siteKeys.symmetricDifference(local.keys))")
        var gzipped = 0
        for (path, md5) in local {
            let object = try #require(stored[path], "\(path) is not in the bucket")
            #expect(object.decodedMd5 == md5, "\(path): the stored bytes (decoded) are not the file's")
            #expect(object.etag == object.md5, "\(path): the ETag is not the MD5 of the stored bytes")
            let expected = ExpectedHeaders(path: path)
            #expect(object.headers["content-type"] == expected.contentType, "\(path)")
            #expect(object.headers["cache-control"] == expected.cacheControl, "\(path)")
            if let encoding = object.headers["content-encoding"] {
                #expect(encoding == "gzip" && expected.compressible, "\(path) is stored with Content-Encoding \(encoding)")
                #expect(
                    object.size
                        < (try FileManager.default.attributesOfItem(atPath: site.output.appendingPathComponent(path).path)[.size] as! Int))
                gzipped += 1
            }
            #expect(object.headers["x-amz-meta-tabi-md5"] == object.md5, "\(path)")
        }
        #expect(stored["index.html"]?.headers["content-encoding"] == "gzip")
        #expect(
            stored.keys.filter { $0.hasPrefix("_tabi/") }.map { String($0.prefix(20)) } == ["_tabi/publish/rules-"],
            "the header rules record is the only file beside the site: \(stored.keys.filter { $0.hasPrefix("_tabi/") })")
        #expect(gzipped >= 4, "pages, feed, sitemap and stylesheet should be gzipped")
        #expect(try await moto.invalidations().isEmpty, "a first publish has nothing to invalidate")
        try await moto.expectAllSigned()
    }

    @Test func aSecondPublishIsTheListingOnly() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        #expect(try await site.publish(moto).status == 0)
        try await moto.resetLog()

        let again = try await site.publish(moto)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("0 uploaded"), "\(again.stdout)")
        #expect(again.stdout.contains("Nothing to invalidate"), "\(again.stdout)")
        #expect(again.stdout.contains("Requests: 1 requests"), "\(again.stdout)")
        let requests = try await moto.requests()
        #expect(requests.count == 1, "\(requests.map { "\($0.method) \($0.path)?\($0.query)" })")
        #expect(requests.first?.method == "GET" && requests.first?.query.contains("list-type=2") == true)
        #expect(try await moto.invalidations().isEmpty)
        try await moto.expectAllSigned()
    }

    @Test func aWrongSecretKeyFailsClearlyWithoutPrintingIt() async throws {
        let moto = try MotoStandin()
        let site = try PublishSite()
        try await site.build()
        let wrong = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYWRONGSECRET"
        let result = try await site.publish(moto, secret: wrong)
        #expect(result.status == 2)
        #expect(result.stderr.contains("SignatureDoesNotMatch"), "\(result.stderr)")
        #expect(result.stderr.contains("ListObjectsV2"), "\(result.stderr)")
        for text in [result.stdout, result.stderr] {
            #expect(!text.contains(wrong))
            #expect(!text.contains(moto.announcement.secretAccessKey))
        }
        #expect(try await moto.objects().isEmpty)
        #expect(try await moto.requests().allSatisfy { !$0.isWrite })
    }
}
