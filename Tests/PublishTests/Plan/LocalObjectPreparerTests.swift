import AWS
import Concurrency
import Foundation
import Logging
import TabiCore
import TestSupport
import Testing

@testable import Publish

@Suite struct LocalObjectPreparerTests {
    let folder = TemporaryFolder("tabi-prepare")

    func write(_ path: String, _ data: Data) throws {
        let url = folder(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func preparer(threshold: Int64 = 16 << 20, part: Int64 = 8 << 20) throws -> LocalObjectPreparer {
        LocalObjectPreparer(
            rules: try HeaderRules(settings: .defaults), keys: try PublishKeys(prefix: "site/"),
            multipart: MultipartSettings(threshold: threshold, partSize: part), concurrency: 2)
    }

    /// The site's files of a scan.
    func scan() throws -> [LocalFile] { try LocalFile.scan(folder.url).files }

    @Test func theScanLeavesOutHiddenFilesAndPublishStateAndSetsBuildFilesApart() throws {
        try write("index.html", Data("<p>hi</p>".utf8))
        try write(".gitignore", Data("*".utf8))
        try write("trips/.tabi-tmp-1-index.html", Data())
        try write(".cache/x.html", Data())
        try write("_tabi/derivatives.json", Data("{}".utf8))
        try write("_tabi/publish/headers-0.json", Data("{}".utf8))
        let scan = try LocalFile.scan(folder.url)
        #expect(scan.files.map(\.path) == ["index.html"])
        #expect(scan.buildFiles.map(\.path) == ["_tabi/derivatives.json"])
        #expect(scan.refused.isEmpty)
        #expect(throws: PublishError.self) { try LocalFile.scan(folder("missing")) }
    }

    @Test func linksAndSpecialFilesAreRefusedNeverFollowed() async throws {
        let outside = TemporaryFolder("tabi-outside")
        try Data("aws_secret_access_key = do-not-publish".utf8).write(to: outside("credentials"))
        try FileManager.default.createDirectory(at: outside("photos"), withIntermediateDirectories: true)
        try Data("private".utf8).write(to: outside("photos/a.jpg"))
        try write("index.html", Data("<p>hi</p>".utf8))
        try write("media/ok.webp", Data("webp".utf8))
        try FileManager.default.createSymbolicLink(at: folder("robots.txt"), withDestinationURL: outside("credentials"))
        try FileManager.default.createSymbolicLink(at: folder("media/linked"), withDestinationURL: outside("photos"))
        try FileManager.default.createDirectory(at: folder("_tabi"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: folder("_tabi/derivatives.json"), withDestinationURL: outside("credentials"))
        #expect(mkfifo(folder("feed.xml").path, 0o600) == 0)
        let scan = try LocalFile.scan(folder.url)
        #expect(scan.files.map(\.path) == ["index.html", "media/ok.webp"])
        #expect(scan.refused.map(\.path) == ["_tabi/derivatives.json", "feed.xml", "media/linked", "robots.txt"])
        #expect(scan.refused.map(\.error.problem) == [.symbolicLink, .notARegularFile, .symbolicLink, .symbolicLink])
        #expect(scan.refused[3].description.contains("robots.txt is a symbolic link"))

        // Swapped for a link after the scan: refused when prepared, never read.
        try FileManager.default.removeItem(at: folder("media/ok.webp"))
        try FileManager.default.createSymbolicLink(at: folder("media/ok.webp"), withDestinationURL: outside("credentials"))
        let (objects, refused) = try await preparer().prepare(scan.files)
        #expect(objects.map(\.path) == ["index.html"])
        #expect(refused.map(\.path) == ["media/ok.webp"] && refused.first?.error.problem == .symbolicLink)

        // The output folder itself may be a link.
        let linkedRoot = outside("Output")
        try FileManager.default.createSymbolicLink(at: linkedRoot, withDestinationURL: folder.url)
        #expect(try LocalFile.scan(linkedRoot).files.map(\.path) == ["index.html"])
    }

    @Test func textIsGzippedOnlyWhenItGetsSmaller() async throws {
        let page = String(repeating: "<p>Temples, tea and red maples.</p>\n", count: 50)
        try write("index.html", Data(page.utf8))
        try write("robots.txt", Data("User-agent: *\n".utf8))
        try write("media/a.jpg", Data(repeating: 7, count: 4000))
        let objects = try await preparer().prepare(try scan()).objects
        let byPath = Dictionary(uniqueKeysWithValues: objects.map { ($0.path, $0) })
        let index = try #require(byPath["index.html"])
        #expect(index.key == "site/index.html")
        #expect(index.headers.contentEncoding == "gzip")
        guard case .gzip(let data?) = index.body else { Issue.record("index.html is not kept gzipped"); return }
        #expect(index.md5 == ContentDigest.md5(data) && index.etag == index.md5 && index.size == Int64(data.count))
        #expect(byPath["robots.txt"]?.headers.contentEncoding == nil, "14 bytes do not shrink")
        #expect(byPath["robots.txt"]?.md5 == ContentDigest.md5("User-agent: *\n"))
        #expect(byPath["media/a.jpg"]?.headers.contentEncoding == nil, "images are not compressed")
    }

    @Test func gzipBodiesPastTheMemoryBudgetAreCompressedAgainToTheSameBytes() async throws {
        try write("a.html", Data(String(repeating: "<p>a</p>", count: 500).utf8))
        try write("b.html", Data(String(repeating: "<p>b</p>", count: 500).utf8))
        var preparer = try preparer()
        preparer.memoryBudget = 0
        let objects = try await preparer.prepare(scan()).objects
        for object in objects {
            #expect(object.body == .gzip(nil), "\(object.path) was kept in memory")
            let uploader = ObjectUploader(
                s3: S3Client(
                    settings: try AWSSettings(
                        endpoint: AWSEndpoint(url: "http://127.0.0.1:9", signingRegion: "us-east-1", isCustom: true),
                        credentials: StaticCredentialsProvider(AWSCredentials(accessKeyId: "a", secretAccessKey: "b"))),
                    bucket: "b"),
                limiter: RequestLimiter(1), partConcurrency: 1, logger: Logger(label: "test"))
            guard case .data(let data) = try uploader.body(of: object) else { Issue.record("not a data body"); continue }
            #expect(ContentDigest.md5(data) == object.md5)
        }
    }

    @Test func largeFilesGetPartsAndTheMultipartETag() async throws {
        let data = Data((0..<(12 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try write("big.bin", data)
        try write("even.bin", data.prefix(10 << 20))
        let objects = try await preparer(threshold: 5 << 20, part: 5 << 20).prepare(try scan()).objects
        let big = try #require(objects.first { $0.path == "big.bin" })
        #expect(big.parts.map(\.length) == [5 << 20, 5 << 20, 2 << 20])
        #expect(big.parts.map(\.offset) == [0, 5 << 20, 10 << 20])
        let partDigests = big.parts.map { data[Int($0.offset)..<Int($0.offset + $0.length)] }
        #expect(big.parts.map(\.md5) == partDigests.map { ContentDigest.md5($0) })
        let concatenated = Data(partDigests.flatMap { Array(Data(hexDigest: ContentDigest.md5($0))) })
        #expect(big.etag == ContentDigest.md5(concatenated) + "-3")
        #expect(big.md5 == ContentDigest.md5(data))
        #expect(objects.first { $0.path == "even.bin" }?.parts.count == 2, "no empty last part")
    }

    @Test func thePartSizeGrowsToStayWithinTenThousandParts() {
        let settings = MultipartSettings(threshold: 16 << 20, partSize: 8 << 20)
        #expect(settings.partSize(for: 100 << 30) == 16 << 20)
        #expect(settings.partSize(for: 1 << 30) == 8 << 20)
    }
}

extension Data {
    init(hexDigest: String) {
        var bytes: [UInt8] = []
        var iterator = hexDigest.makeIterator()
        while let high = iterator.next(), let low = iterator.next() { bytes.append(UInt8(String([high, low]), radix: 16)!) }
        self.init(bytes)
    }
}
