import Foundation
import Images
import TabiCore
import TestSupport
import Testing
import Vips

/// What an original is comes from its bytes, not its name, and the allowed formats in their less
/// common shapes (16 bits per sample, alpha) come out as 8-bit sRGB derivatives.
@Suite struct InputFormatTests {
    @Test func aPNGNamedJPGIsReadAsThePNGItIs() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("alpha.png", as: "travels/trip/photo.jpg")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        let webp = try #require(renditions.responsive.first { $0.format == .webp })
        // Read as a PNG, its transparency survives into the WebP.
        let header = try workspace.header(webp)
        #expect(header.hasAlpha && header.bands == 4)
    }

    @Test func aSixteenBitPNGWithAlphaComesOutEightBitSRGB() async throws {
        let workspace = ImageWorkspace()
        let folder = TemporaryFolder("tabi-16bit")
        try ImageTools.vips(["colourspace", ImageFixtures.url("alpha.png").path, folder("deep.png").path, "rgb16"])
        let bytes = try Data(contentsOf: folder("deep.png"))
        let input = try VipsInput(bytes: bytes).header()
        #expect(input.interpretation == .rgb16 && input.bands == 4)
        try workspace.put(bytes, at: "travels/trip/deep.png")
        let photo = Photo(id: "deep", storageKey: "travels/trip/deep.png")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])

        // Left half opaque blue (#1e50c8), right half transparent: read as 8-bit values, not the
        // 16-bit ones (which would saturate every channel).
        let jpeg = try #require(renditions.responsive.first { $0.format == .jpeg })
        let flat = try VipsInput(file: workspace.file(jpeg).path).thumbnail(ThumbnailOptions(width: 400)).copyToMemory()
        #expect(flat.interpretation == .srgb && flat.bands == 3)
        let blue = try flat.pixel(x: 100, y: 150)
        #expect(abs(blue[0] - 30) < 12 && abs(blue[1] - 80) < 12 && abs(blue[2] - 200) < 12, "\(blue)")
        #expect(try flat.pixel(x: 300, y: 150).allSatisfy { $0 > 250 })
        let webp = try #require(renditions.responsive.first { $0.format == .webp })
        let alpha = try VipsInput(file: workspace.file(webp).path).thumbnail(ThumbnailOptions(width: 400)).copyToMemory()
        #expect(alpha.interpretation == .srgb && alpha.bands == 4)
        #expect(try alpha.pixel(x: 300, y: 150)[3] == 0)
        let opaque = try alpha.pixel(x: 100, y: 150)
        #expect(opaque[3] == 255 && abs(opaque[2] - 200) < 12, "\(opaque)")
    }
}
