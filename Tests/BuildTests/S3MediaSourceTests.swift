import AWS
import Build
import Foundation
import Images
import TestSupport
import Testing

/// Originals in a bucket (moto's S3, Tests/Tools/moto_standin.py): fetched with a ranged GET, so
/// an object over `images.maxBytes` is refused with its size and never downloaded whole.
@Suite struct S3MediaSourceTests {
    struct Announcement: Decodable {
        var port: Int
        var accessKeyId: String
        var secretAccessKey: String
    }

    @Test func originalsOverMaxBytesAreRefusedWithTheirSize() async throws {
        let server = try PythonServer(
            "moto_standin.py", ["--bucket", "tabi-media"], discardingStandardError: true,
            needs: "python3 with moto[server] and boto3")
        let announced = try JSONDecoder().decode(Announcement.self, from: server.announcement)
        let settings = AWSSettings(
            endpoint: try AWSEndpoint(url: "http://127.0.0.1:\(announced.port)", signingRegion: "us-east-1", isCustom: true),
            credentials: StaticCredentialsProvider(
                AWSCredentials(
                    accessKeyId: announced.accessKeyId,
                    secretAccessKey: announced.secretAccessKey)))
        let s3 = S3Client(settings: settings, bucket: "tabi-media")
        let photo = try Data(contentsOf: RepositoryPaths.fixtures.appendingPathComponent("images/small.jpg"))
        let large = Data(repeating: 0xFF, count: 100_000)
        for (key, body) in [("originals/small.jpg", photo), ("originals/large.jpg", large), ("originals/empty.jpg", Data())] {
            _ = try await s3.putObject(key: key, body: .data(body), md5: nil)
        }
        let media = S3MediaSource(s3: s3, prefix: "originals/")

        #expect(try await media.original(at: "small.jpg", maxBytes: 65536) == photo)
        #expect(try await media.original(at: "small.jpg", maxBytes: photo.count) == photo)
        #expect(try await media.original(at: "empty.jpg", maxBytes: 65536) == Data())
        let tooLarge = await #expect(throws: MediaError.self) { try await media.original(at: "large.jpg", maxBytes: 65536) }
        #expect(tooLarge?.reason == "it is 100000 bytes, more than images.maxBytes (65536); only its first bytes were fetched")
        #expect(tooLarge?.location == "s3://tabi-media/originals/large.jpg")
        let oneOver = await #expect(throws: MediaError.self) { try await media.original(at: "small.jpg", maxBytes: photo.count - 1) }
        #expect(oneOver?.reason.hasPrefix("it is \(photo.count) bytes") == true)
        let missing = await #expect(throws: MediaError.self) { try await media.original(at: "missing.jpg", maxBytes: 65536) }
        #expect(missing?.reason == "the object does not exist (NoSuchKey)")
    }
}
