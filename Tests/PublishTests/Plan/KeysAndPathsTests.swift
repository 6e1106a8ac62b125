import AWS
import Foundation
import Testing

@testable import Publish

@Suite struct KeysAndPathsTests {
    @Test func prefixesAreNormalisedAndBadOnesRefused() throws {
        #expect(try PublishKeys(prefix: "").prefix == "")
        #expect(try PublishKeys(prefix: "/blog//").prefix == "blog/")
        #expect(try PublishKeys(prefix: "a/b").key("index.html") == "a/b/index.html")
        #expect(throws: PublishError.self) { try PublishKeys(prefix: "a//b") }
        #expect(throws: PublishError.self) { try PublishKeys(prefix: "a/../b") }
        let keys = try PublishKeys(prefix: "blog")
        #expect(keys.key(HeaderRulesRecord.path(fingerprint: "0123456789abcdef")) == "blog/_tabi/publish/rules-0123456789abcdef.json")
        #expect(HeaderRulesRecord.isRecord("_tabi/publish/rules-0123456789abcdef.json"))
        #expect(!HeaderRulesRecord.isRecord("_tabi/publish/headers-0123456789abcdef.json"))
        #expect(StateStore.buildFile("_tabi/derivatives.json") == "build/derivatives.json")
    }

    @Test func aStateLocationTheDistributionServesIsRefused() throws {
        let site = try PublishKeys(prefix: "blog/")
        let root = CloudFrontPaths(originPath: ""), blog = CloudFrontPaths(originPath: "/blog")
        func refused(_ url: String, _ cdn: CloudFrontPaths, keys: PublishKeys = site) -> Bool {
            do { try StateStore.check(S3Location(url: url)!, site: "tabi-site", keys: keys, cdnPaths: cdn); return false } catch {
                return true
            }
        }
        #expect(refused("s3://tabi-site/blog/_state", root), "inside the site's prefix")
        #expect(refused("s3://tabi-site/blog/_state", blog), "inside the site's prefix, behind an origin path")
        #expect(refused("s3://tabi-site/state", root), "the distribution serves the whole bucket without an origin path")
        #expect(refused("s3://tabi-site", blog), "a state location holding the site")
        #expect(refused("s3://tabi-site/", blog, keys: try PublishKeys(prefix: "")))
        #expect(!refused("s3://tabi-site/state", blog), "outside the origin path")
        #expect(!refused("s3://tabi-state", root))
        #expect(!refused("s3://tabi-state/blog/", root))
        #expect(S3Location(url: "s3://b//a/b/")?.prefix == "a/b/" && S3Location(url: "s3:///x") == nil && S3Location(url: "b/x") == nil)
    }

    @Test func cloudFrontPathsFollowTheOriginPathAndLinkPagesAsFolders() {
        let root = CloudFrontPaths(originPath: "")
        #expect(root.paths(forKey: "index.html") == ["/", "/index.html"])
        #expect(root.paths(forKey: "blog/trips/kyoto/index.html") == ["/blog/trips/kyoto/", "/blog/trips/kyoto/index.html"])
        let origin = CloudFrontPaths(originPath: "/blog/")
        #expect(origin.paths(forKey: "blog/feed.xml") == ["/feed.xml"])
        #expect(origin.paths(forKey: "other/feed.xml").isEmpty)
        #expect(root.paths(forKey: "notes/über café*.html") == ["/notes/%C3%BCber%20caf%C3%A9%2A.html"])
        #expect(root.paths(forKey: "a:b+c@d.html") == ["/a:b+c@d.html"], "CloudFront wants reserved characters as they are")
    }

    @Test func callerReferencesRepeatForARetryAndDifferForALaterRun() {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let a = PendingInvalidation.callerReference(paths: ["/b", "/a"], start: start)
        #expect(a == PendingInvalidation.callerReference(paths: ["/a", "/b"], start: start))
        #expect(a != PendingInvalidation.callerReference(paths: ["/a", "/b"], start: start + 60))
        #expect(a != PendingInvalidation.callerReference(paths: ["/a"], start: start))
        let record = PendingInvalidation(distributionId: "E1", paths: ["/b", "/a"], callerReference: a)
        #expect(PendingInvalidation(data: record.data) == record)

        // For the served store: no paths, and a reference that hashes none.
        let opaque = PendingInvalidation.opaqueCallerReference(start: start)
        #expect(opaque.hasPrefix("tabi-1700000000-") && opaque.count == "tabi-1700000000-".count + 16)
        #expect(opaque != PendingInvalidation.opaqueCallerReference(start: start))
        let everything = PendingInvalidation(distributionId: "E1", paths: nil, callerReference: opaque)
        #expect(PendingInvalidation(data: everything.data) == everything)
        #expect(!String(decoding: everything.data, as: UTF8.self).contains("/"), "\(String(decoding: everything.data, as: UTF8.self))")
        #expect(record.merged(with: everything).paths == nil)
        #expect(
            record.merged(with: PendingInvalidation(distributionId: "E1", paths: ["/c"], callerReference: "x")).paths == ["/a", "/b", "/c"])
    }

    @Test func xmlResponsesAndContentMD5() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IsTruncated>true</IsTruncated>
            <Contents><Key>a%20b/c%2Bd.html</Key><ETag>&quot;abc&quot;</ETag><Size>12</Size></Contents>
            <NextContinuationToken>1/2+3=</NextContinuationToken></ListBucketResult>
            """
        let tree = try #require(XMLTree(parsing: Data(xml.utf8)))
        #expect(tree.name == "ListBucketResult")
        #expect(tree.children("Contents").first?["ETag"] == "\"abc\"")
        #expect(S3Object(key: "k", etag: "\"ABC\"", size: 1).etag == "abc")
        #expect(tree["NextContinuationToken"] == "1/2+3=")
        #expect(XMLTree(parsing: Data("<a><b></a>".utf8)) == nil)
        #expect(ContentMD5.base64(hex: "d41d8cd98f00b204e9800998ecf8427e") == "1B2M2Y8AsgTpgAmY7PhCfg==")
        #expect(XMLBody.element("Key", "a&b<c>\"'") == "<Key>a&amp;b&lt;c&gt;&quot;&apos;</Key>")
    }
}
