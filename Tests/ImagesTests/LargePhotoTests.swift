import Foundation
import Images
import TabiCore
import Testing
import Vips

/// A 24-megapixel photo goes through without ever being held in memory at full size.
@Suite struct LargePhotoTests {
    @Test func a24MegapixelPhotoIsNeverHeldAtFullSize() async throws {
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

        // Held at full size, the decoded pixels alone would be 72 MB. libvips's allocation
        // counter (process-wide, so every test running alongside is included) shows they never
        // were: pixels stream through the decoder in strips, shrunk on load where the JPEG
        // decoder can (libvips uses its 2×/4×/8× DCT scaling once the reduction is 4× or more).
        // A pipeline that materialised the original (a random-access load, an early copy to
        // memory) would cross this line. Measured alone: about 35 MB.
        let fullSize = 6000 * 4000 * 3
        #expect(Vips.trackedMemoryHighwater < fullSize, "highwater \(Vips.trackedMemoryHighwater) bytes")
    }
}
