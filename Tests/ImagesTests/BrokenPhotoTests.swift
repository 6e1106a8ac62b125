import Foundation
import Images
import TabiCore
import Testing

/// A broken original fails alone, with a message naming the trip, the photo and the file.
@Suite struct BrokenPhotoTests {
    @Test func brokenPhotosAreNamedAndSkippedWhileOthersSucceed() async throws {
        let workspace = ImageWorkspace()
        let good = try workspace.add("small.jpg", id: "good")
        let full = try ImageFixtures.data("landscape-gps.jpg")
        try workspace.put(full.prefix(full.count / 2), at: "travels/trip/truncated.jpg")
        try workspace.put(Data(), at: "travels/trip/empty.jpg")
        try workspace.put(Data("Dear diary, today we hiked.\n".utf8), at: "travels/trip/text.jpg")
        let broken = [
            Photo(id: "truncated", storageKey: "travels/trip/truncated.jpg"),
            Photo(id: "empty", storageKey: "travels/trip/empty.jpg"),
            Photo(id: "text", storageKey: "travels/trip/text.jpg"),
            Photo(id: "missing", storageKey: "travels/trip/missing.jpg"),
            Photo(id: "escape", storageKey: "../../etc/passwd"),
        ]
        let batch = await workspace.make(broken + [good], trip: "basque-autumn")

        #expect(batch.renditions.keys.sorted() == ["good"])
        #expect(batch.failures.map(\.photoId) == ["truncated", "empty", "text", "missing", "escape"])
        for failure in batch.failures {
            #expect(failure.tripSlug == "basque-autumn")
            #expect(failure.description.hasPrefix("trip basque-autumn, photo \(failure.photoId) ("))
            #expect(!failure.reason.contains("\n"))
        }
        let byId = Dictionary(uniqueKeysWithValues: batch.failures.map { ($0.photoId, $0) })
        let media = workspace.media.standardizedFileURL.path
        #expect(byId["truncated"]?.file == "\(media)/travels/trip/truncated.jpg")
        #expect(byId["truncated"]?.reason.contains("cannot be decoded") == true)
        #expect(byId["truncated"]?.reason.localizedCaseInsensitiveContains("premature end") == true)
        #expect(byId["empty"]?.reason == "the file is empty")
        #expect(byId["text"]?.reason.contains("not an image libvips can read") == true)
        #expect(byId["missing"]?.reason == "the file does not exist")
        #expect(byId["escape"]?.reason == "the storage key is not a safe relative path")
        #expect(byId["escape"]?.file == "../../etc/passwd")

        // Nothing of the broken photos was written, and the good one is complete.
        #expect(batch.encoded == 4)
        #expect(batch.files.count == 4)
    }

    @Test func aTruncatedPNGFailsAloneAsUndecodable() async throws {
        let workspace = ImageWorkspace()
        let good = try workspace.add("small.jpg", id: "good")
        let png = try ImageTools.vipsCopy(ImageFixtures.url("landscape-gps.jpg"), to: "png")
        try workspace.put(png.prefix(png.count / 2), at: "travels/trip/truncated.png")
        let batch = await workspace.make([Photo(id: "truncated", storageKey: "travels/trip/truncated.png"), good])
        #expect(batch.renditions.keys.sorted() == ["good"])
        let reason = try #require(batch.failures.first?.reason)
        #expect(reason.hasPrefix("it cannot be decoded ("), "\(reason)")
        #expect(batch.encoded == 4)
    }
}
