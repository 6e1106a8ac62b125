import Foundation
import TabiCore
import TestSupport
import Testing
import Vips

/// A 24-megapixel photo is never held in memory at full size: shrink-on-load for a JPEG, a
/// decode in strips for a PNG (which cannot shrink on load), no copy of the original's pixels,
/// and its bytes held once. Measured as the peak memory of a `tabi-press build` process.
@Suite struct LargePhotoMemoryTests {
    /// 6000×4000, streamed out by libvips from an enlargement of a fixture photo.
    static let width = 6000, height = 4000
    static var fullFrame: Int { width * height * 3 }

    @Test func buildingA24MegapixelJPEGNeedsLessThanItsFullFrame() throws {
        // Baseline, as cameras write them: a progressive JPEG makes libjpeg keep every DCT
        // coefficient of the image (2 bytes a sample) however small it decodes, which is the
        // decoder's cost, not ours.
        let big = try VipsInput(file: RepositoryPaths.fixtures.appendingPathComponent("images/landscape-gps.jpg").path)
            .thumbnail(ThumbnailOptions(width: Self.width, height: Self.height, size: .force))
            .jpegData(quality: 85, progressive: false)
        let (baseline, withLarge) = try peaks(replacingLandscapeWith: big)
        // Decoding the original at full size would add at least its 72 MB frame to the peak.
        #expect(withLarge - baseline - big.count < Self.fullFrame, "peak \(withLarge) bytes vs \(baseline) for the small site")
    }

    @Test func buildingA24MegapixelPNGNeedsLessThanItsFullFrame() async throws {
        let folder = TemporaryFolder("tabi-png")
        let png = folder("big.png")
        let result = try await CommandRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "vips", "thumbnail", RepositoryPaths.fixtures.appendingPathComponent("images/landscape-gps.jpg").path, png.path,
                "\(Self.width)", "--height", "\(Self.height)", "--size", "force",
            ])
        #expect(result.status == 0, "vips thumbnail (libvips-tools, scripts/install-deps test): \(result.stderr)")
        let big = try Data(contentsOf: png)
        #expect(try VipsInput(bytes: big).header().loader == "pngload_source")
        let (baseline, withLarge) = try peaks(replacingLandscapeWith: big)
        // Beyond its bytes (30 MB, held once), less than its frame: the PNG used to be decoded
        // whole into memory (72 MB) with its bytes held twice, 170 MB over the small site.
        #expect(withLarge - baseline - big.count < Self.fullFrame, "peak \(withLarge) bytes vs \(baseline) for the small site")
    }

    /// Peak memory of building the fixture site as it is, and with its landscape photo replaced
    /// by `bytes` (under the same .jpg name).
    private func peaks(replacingLandscapeWith bytes: Data) throws -> (baseline: Int, withLarge: Int) {
        let small = try SiteFixture()
        let large = try SiteFixture()
        let key = try #require(
            try FileManager.default.subpathsOfDirectory(atPath: large.media.path).first { $0.hasSuffix("landscape-gps.jpg") })
        try bytes.write(to: large.media.appendingPathComponent(key))
        try removeRecordedHashes(in: large)

        func peak(_ site: SiteFixture) throws -> Int {
            let result = try PeakMemory.run(
                CommandRunner.tabiPress,
                [
                    "build", "--content", site.content.path, "--output", site.output.path,
                    "--theme", RepositoryPaths.defaultTheme.path, "--quiet", "--concurrency", "1",
                ])
            #expect(result.status == 0)
            return result.peakBytes
        }
        return (try peak(small), try peak(large))
    }

    /// The fixture records each photo's SHA-256; the swapped photo must be hashed from its bytes.
    private func removeRecordedHashes(in site: SiteFixture) throws {
        let file = site.content.appendingPathComponent("trips/coast-walk/trip.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let cleaned = text.split(separator: "\n").filter { !$0.contains("\"sha256\"") }.joined(separator: "\n")
        try (cleaned + "\n").write(to: file, atomically: true, encoding: .utf8)
    }
}
