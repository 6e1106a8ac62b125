import Foundation
import Testing
import Vips

/// The WebP clean-up that makes up for libvips 8.14's `webpsave` ignoring `strip`.
@Suite struct WebPContainerTests {
    @Test func metadataChunksAreRemovedAndTheFileStillDecodes() throws {
        let image = try VipsInput(file: ImageFixtures.url("landscape-gps.jpg").path)
            .thumbnail(ThumbnailOptions(width: 200)).copyToMemory()
        let kept = try image.webpData(quality: 70, stripMetadata: false)
        #expect(Set(MetadataBlocks.webpChunks(kept)).isSuperset(of: ["EXIF", "XMP ", "VP8X"]))

        let stripped = try image.webpData(quality: 70, stripMetadata: true)
        let chunks = MetadataBlocks.webpChunks(stripped)
        #expect(Set(chunks).isDisjoint(with: ["EXIF", "XMP ", "ICCP"]), "\(chunks)")
        let header = try VipsInput(bytes: stripped).header()
        #expect(header.width == 200 && header.fields.allSatisfy { !$0.hasPrefix("exif") && !$0.hasPrefix("icc") })
        // The RIFF size field matches the file.
        let bytes = [UInt8](stripped)
        let riff = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        #expect(riff + 8 == bytes.count)
    }
}
