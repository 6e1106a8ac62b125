import Foundation
import Images
import TabiCore
import Testing
import Vips

/// Originals that are not photos, or photos built to exhaust memory, fail alone with a reason
/// naming what they are; the photos beside them are made as usual.
@Suite struct HostileOriginalTests {
    @Test func otherFormatsFailByNameAndTheRestOfTheBatchIsMade() async throws {
        let workspace = ImageWorkspace()
        let good = try workspace.add("small.jpg", id: "good")
        let samples = HostileFiles.handwritten + (try HostileFiles.converted(from: ImageFixtures.url("small.jpg")))
        var hostile: [Photo] = []
        for sample in samples {
            // Named like a photo: the name says nothing, the bytes decide.
            let key = "travels/trip/\(sample.name).jpg"
            try workspace.put(sample.bytes, at: key)
            hostile.append(Photo(id: sample.name, storageKey: key))
        }
        let batch = await workspace.make(hostile + [good])

        #expect(batch.renditions.keys.sorted() == ["good"])
        #expect(batch.failures.map(\.photoId) == hostile.map(\.id))
        for (failure, sample) in zip(batch.failures, samples) {
            if sample.recognisedInMemory {
                #expect(failure.reason.hasPrefix("it is "), "\(failure)")
                #expect(failure.reason.contains("(\(sample.family)_source)"), "\(failure)")
                #expect(failure.reason.hasSuffix("only JPEG, PNG, WebP, HEIF/AVIF and GIF are read"), "\(failure)")
            } else {
                #expect(failure.reason.contains("not an image libvips can read"), "\(failure)")
            }
        }
        #expect(batch.failures.first?.reason == "it is SVG (svgload_source), and only JPEG, PNG, WebP, HEIF/AVIF and GIF are read")
        #expect(batch.encoded == 4 && batch.files.count == 4)
    }
}

/// An original declaring more pixels than `images.maxPixels` is refused from its header, before a
/// pixel is decoded; a file of many frames gives its first frame only.
@Suite struct PixelLimitTests {
    @Test func pixelBombsAreRefusedFromTheirHeader() async throws {
        let workspace = ImageWorkspace()
        // 60000×60000 RGB (10.8 GB decoded) in a 331-byte PNG, and a 65535×65535 frame (17 GB of
        // RGBA on the GIF decoder's canvas) in 38 bytes.
        let png = PNGFile.declaring(width: 60000, height: 60000)
        let gif = HostileFiles.gif(width: 65535, height: 65535)
        #expect(png.count < 400 && gif.count < 40)
        try workspace.put(png, at: "travels/trip/bomb.png")
        try workspace.put(gif, at: "travels/trip/bomb.gif")
        let good = try workspace.add("small.jpg", id: "good")
        let batch = await workspace.make([
            Photo(id: "png", storageKey: "travels/trip/bomb.png"),
            Photo(id: "gif", storageKey: "travels/trip/bomb.gif"), good,
        ])

        #expect(batch.renditions.keys.sorted() == ["good"])
        #expect(
            batch.failures.map(\.reason) == [
                "it is 60000×60000 pixels, more than images.maxPixels (100000000); it was not decoded",
                "it is 65535×65535 pixels, more than images.maxPixels (100000000); it was not decoded",
            ])
        // Had either been decoded, libvips would have allocated gigabytes for its pixels. The
        // counter is process-wide, so the bound leaves room for the other tests running alongside.
        #expect(Vips.trackedMemoryHighwater < 512 << 20, "\(Vips.trackedMemoryHighwater) bytes")
    }

    @Test func theLimitIsTheConfiguredOneAndInclusive() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("alpha.png")  // 400×300 = 120000 pixels
        let over = await workspace.make([photo], limits: ImageLimits(maxPixels: 119_999, maxBytes: 1 << 20))
        #expect(over.failures.map(\.reason) == ["it is 400×300 pixels, more than images.maxPixels (119999); it was not decoded"])
        #expect(over.encoded == 0)
        let at = await workspace.make([photo], limits: ImageLimits(maxPixels: 120_000, maxBytes: 1 << 20))
        #expect(at.failures.isEmpty && at.encoded == 4)
    }

    @Test func aGIFOfManyFramesGivesItsFirstFrameOnly() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("frames.gif")
        #expect(try VipsInput(file: ImageFixtures.url("frames.gif").path).header().string("n-pages") == "300")
        let batch = await workspace.make([photo])
        let renditions = try #require(batch.renditions[photo.id])
        // Read whole, the 300 frames would be a 64×14400 strip.
        #expect((renditions.medium.width, renditions.medium.height) == (64, 48))
        #expect(renditions.responsive.map(\.height) == [48, 48])
        for rendition in renditions.all {
            let image = try VipsInput(file: workspace.file(rendition).path).thumbnail(ThumbnailOptions(width: 64))
                .copyToMemory()
            let pixel = try image.pixel(x: image.width / 2, y: image.height / 2)
            #expect(pixel[0] > 200 && pixel[2] < 60, "\(rendition.path) is not the red first frame: \(pixel)")
            #expect(image.string("n-pages") == nil || image.string("n-pages") == "1", "\(rendition.path)")
        }
    }
}
