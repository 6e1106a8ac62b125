import Foundation
import TabiCore
import Testing
import TestSupport
import Vips

/// A 24-megapixel photo is never held in memory at full size: shrink-on-load, strips, no copy
/// of the original's pixels. Measured as the peak memory of a `tabi-press build` process.
@Suite struct LargePhotoMemoryTests {
    @Test func buildingA24MegapixelPhotoNeedsLessThanItsFullFrame() throws {
        let small = try SiteFixture()
        let large = try SiteFixture()
        // Replace the first photo of one trip with a 6000×4000 JPEG (streamed out by libvips).
        let big = try VipsInput(file: RepositoryPaths.fixtures.appendingPathComponent("images/landscape-gps.jpg").path)
            .thumbnail(ThumbnailOptions(width: 6000, height: 4000, size: .force)).jpegData(quality: 85)
        let key = try #require(try FileManager.default.subpathsOfDirectory(atPath: large.media.path).first { $0.hasSuffix("landscape-gps.jpg") })
        try big.write(to: large.media.appendingPathComponent(key))
        try removeRecordedHashes(in: large)

        func peak(_ site: SiteFixture) throws -> Int {
            let result = try PeakMemory.run(CommandRunner.tabiPress, [
                "build", "--content", site.content.path, "--output", site.output.path,
                "--theme", RepositoryPaths.defaultTheme.path, "--quiet", "--concurrency", "1"])
            #expect(result.status == 0)
            return result.peakBytes
        }
        let baseline = try peak(small), withLarge = try peak(large)
        let fullFrame = 6000 * 4000 * 3
        // Decoding the original at full size would add at least its 72 MB frame to the peak.
        #expect(withLarge - baseline < fullFrame, "peak \(withLarge) bytes vs \(baseline) for the small site")
    }

    /// The fixture records each photo's SHA-256; the swapped photo must be hashed from its bytes.
    private func removeRecordedHashes(in site: SiteFixture) throws {
        let file = site.content.appendingPathComponent("trips/coast-walk/trip.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let cleaned = text.split(separator: "\n").filter { !$0.contains("\"sha256\"") }.joined(separator: "\n")
        try (cleaned + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
