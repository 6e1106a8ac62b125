import Foundation
import Images
import TabiCore
import Testing
import Vips

/// A 24-megapixel photo gets every derivative, at the sizes the recipes ask for.
@Suite struct LargePhotoTests {
    @Test func a24MegapixelPhotoGetsEveryDerivative() async throws {
        let workspace = ImageWorkspace()
        // Made by streaming an enlargement straight into the JPEG encoder: no full-size buffer.
        let big = try VipsInput(file: ImageFixtures.url("landscape-gps.jpg").path)
            .thumbnail(ThumbnailOptions(width: 6000, height: 4000, size: .force))
            .jpegData(quality: 85)
        try workspace.put(big, at: "travels/trip/24mp.jpg")
        let header = try VipsInput(bytes: big).header()
        #expect(header.width * header.height == 24_000_000)

        let photo = Photo(id: "big", storageKey: "travels/trip/24mp.jpg")
        let batch = await workspace.make([photo])
        #expect(batch.failures.isEmpty)
        let renditions = try #require(batch.renditions[photo.id])
        #expect(renditions.responsive.map(\.width) == [480, 960, 1600, 480, 960, 1600])
        #expect(renditions.responsive[2].height == 1067)
        #expect((renditions.thumbnail.width, renditions.thumbnail.height) == (300, 300))

        // The memory bound is checked on a process of its own (BuildTests.LargePhotoMemoryTests):
        // libvips's allocation counter is process-wide, and tests running beside this one count too.
    }
}
