import Foundation
import Testing

@testable import TabiCore

/// Posts written as text while rows are read (`TripJSONPosts`, what extract does) must give the
/// very bytes the model gives, whatever the order their photos come in and whichever form each
/// text takes.
@Suite struct TripJSONPostsTests {
    @Test func postsWrittenAsTextGiveTheBytesOfTheModel() throws {
        var random = TripJSONWriterTests.Random(state: 7)
        let make = TripJSONWriterTests()
        var posts = TripJSONPosts()  // one value for every trip, as extract reuses it
        var buffer: [UInt8] = []
        for index in 0..<1_000 {
            let trip = make.trip(&random)
            let reference = TripJSON.encode(trip)
            var bare = trip
            bare.posts = []

            posts.removeAll()
            // Photos come post by post in another order than the posts', as extract reads them.
            let photoOrder = trip.posts.enumerated().shuffled(using: &random)
            try Self.withTexts(seed: random.next()) { text in
                for post in trip.posts {
                    posts.append(
                        id: text(post.id), timestamp: post.timestamp, title: post.title.map(text),
                        content: post.content.map(text), destinationId: post.destinationId.map(text),
                        latitude: post.latitude, longitude: post.longitude)
                }
                for (postIndex, post) in photoOrder {
                    for photo in post.photos {
                        posts.appendPhoto(
                            to: postIndex, id: text(photo.id), storageKey: text(photo.storageKey),
                            contentType: photo.contentType.map(text), sha256: photo.sha256.map(text),
                            caption: photo.caption.map(text), takenAt: photo.takenAt, width: photo.width,
                            height: photo.height, position: photo.position)
                    }
                }
                TripJSON.encode(bare, posts: posts, into: &buffer)
            }
            #expect(posts.count == trip.posts.count && posts.photoCount == trip.photos.count)
            #expect(Data(buffer) == reference, "trip #\(index) differs:\n\(String(decoding: buffer, as: UTF8.self))")
            if Data(buffer) != reference { return }
        }
    }

    /// Calls `body` with a maker of texts that gives each string as a `String` or as UTF-8 bytes
    /// at random, the bytes kept alive until `body` returns.
    private static func withTexts(seed: UInt64, _ body: ((String) -> TripJSONText) throws -> Void) throws {
        var storage: [UnsafeMutableBufferPointer<UInt8>] = []
        defer { storage.forEach { $0.deallocate() } }
        var coin = TripJSONWriterTests.Random(state: seed)
        try body { text in
            guard Bool.random(using: &coin) else { return .string(text) }
            let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(text.utf8.count, 1))
            _ = bytes.initialize(from: text.utf8)
            storage.append(bytes)
            return TripJSONText(utf8: UnsafeBufferPointer(rebasing: bytes[0..<text.utf8.count]))
        }
    }

    @Test func bytesAreKeptExactlyWhenTheyAreUTF8AndMendedAsAStringWouldBe() {
        var random = TripJSONWriterTests.Random(state: 11)
        let pieces: [[UInt8]] = [
            [0x41], [0x7F], [0xC2, 0xA9], [0xE6, 0x9D, 0xB1], [0xF0, 0x9F, 0x8C, 0x8A],
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xF8], [0x80], [0xC2], [0xE6, 0x9D], [0xEF, 0xBF, 0xBF], [0xF4, 0x8F, 0xBF, 0xBF],
            Array("plain ascii text, long enough for the wide path".utf8),
        ]
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            let mended = String(decoding: bytes, as: UTF8.self)
            bytes.withUnsafeBufferPointer { buffer in
                switch TripJSONText(utf8: buffer) {
                case .utf8(let kept): #expect(Array(kept) == Array(mended.utf8), "\(bytes)")
                case .string(let text): #expect(text == mended && Array(mended.utf8) != bytes, "\(bytes)")
                }
            }
        }
    }
}
