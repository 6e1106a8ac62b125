import Concurrency
import Foundation
import TestSupport
import Testing
import Vips

/// The safe wrapper over libvips: headers, thumbnails, encoders and error text.
@Suite struct VipsWrapperTests {
    @Test func headerReadsSizeBandsInterpretationAndOrientation() throws {
        let header = try VipsInput(file: VipsFixtures.url("orientation-6.jpg").path).header()
        #expect(header.width == 600 && header.height == 400)
        #expect(header.bands == 3)
        #expect(header.interpretation == .srgb)
        #expect(header.orientation == 6)
        #expect(header.orientedSize == (400, 600))
        #expect(header.loader == "jpegload_source")
        #expect(!header.hasAlpha)

        let cmyk = try VipsInput(bytes: VipsFixtures.data("cmyk.jpg")).header()
        #expect(cmyk.interpretation == .cmyk && cmyk.bands == 4)
        let png = try VipsInput(bytes: VipsFixtures.data("alpha.png")).header()
        #expect(png.hasAlpha && png.bands == 4 && png.loader == "pngload_source")
    }

    @Test func fieldsListTheMetadataBlocks() throws {
        let header = try VipsInput(file: VipsFixtures.url("landscape-gps.jpg").path).header()
        let fields = header.fields
        #expect(fields.contains("exif-data"))
        #expect(fields.contains("xmp-data"))
        #expect(fields.contains("iptc-data"))
        #expect(fields.contains("exif-ifd3-GPSLatitude"))
        #expect((header.blobSize("exif-data") ?? 0) > 100)
        #expect(header.string("exif-ifd0-Artist")?.hasPrefix("Aitzol Berasategi") == true)
        #expect(header.string("no-such-field") == nil)
    }

    @Test func thumbnailAutorotatesAndFitsTheBox() throws {
        let input = try VipsInput(file: VipsFixtures.url("orientation-6.jpg").path)
        let upright = try input.thumbnail(ThumbnailOptions(width: 300, height: 300))
        #expect(upright.width == 200 && upright.height == 300)
        let asStored = try input.thumbnail(ThumbnailOptions(width: 300, height: 300, autorotate: false))
        #expect(asStored.width == 300 && asStored.height == 200)
    }

    @Test func encodersProduceFilesTheirLoadersRecognise() throws {
        let image = try VipsInput(file: VipsFixtures.url("small.jpg").path)
            .thumbnail(ThumbnailOptions(width: 120)).copyToMemory()
        let jpeg = try VipsInput(bytes: image.jpegData(quality: 80)).header()
        #expect(jpeg.loader == "jpegload_source" && jpeg.width == 120)
        let webp = try VipsInput(bytes: image.webpData(quality: 75)).header()
        #expect(webp.loader == "webpload_source" && webp.width == 120)
        let avif = try VipsInput(bytes: image.avifData(quality: 50)).header()
        #expect(avif.loader == "heifload_source" && avif.width == 120)
    }

    @Test func errorsCarryLibvipsText() throws {
        // Isolated: other tests fail libvips calls on other threads at the same time.
        let text = Data("this is not an image\n".utf8)
        let error = #expect(throws: VipsError.self) {
            try Vips.isolatingErrors { () throws(VipsError) in try VipsInput(bytes: text).header() }
        }
        #expect(error?.message.contains("not in a known format") == true)
        #expect(error?.description.hasPrefix("libvips could not read the image header") == true)

        var truncated = try VipsFixtures.data("landscape-gps.jpg")
        truncated = truncated.prefix(truncated.count / 2)
        let decode = #expect(throws: VipsError.self) {
            try Vips.isolatingErrors { () throws(VipsError) in
                let input = try VipsInput(bytes: truncated, failOn: .truncated)
                _ = try input.header()  // the header is intact; the damage shows when pixels are read
                return try input.thumbnail(ThumbnailOptions(width: 200)).copyToMemory()
            }
        }
        #expect(decode?.message.localizedCaseInsensitiveContains("premature end") == true)
    }

    @Test func isolationGivesEachConcurrentFailureItsOwnText() throws {
        let text = Data("plain text, not an image\n".utf8)
        let full = try VipsFixtures.data("landscape-gps.jpg")
        let truncated = full.prefix(full.count / 2)
        let messages = Locked([Int: String]())
        DispatchQueue.concurrentPerform(iterations: 24) { index in
            var message = "no error"
            do throws(VipsError) {
                try Vips.isolatingErrors { () throws(VipsError) in
                    if index.isMultiple(of: 2) {
                        _ = try VipsInput(bytes: text).header()
                    } else {
                        _ = try VipsInput(bytes: truncated).thumbnail(ThumbnailOptions(width: 100)).copyToMemory()
                    }
                }
            } catch {
                message = error.message
            }
            messages.withLock { $0[index] = message }
        }
        for (index, message) in messages.withLock({ $0 }) {
            let expected = index.isMultiple(of: 2) ? "not in a known format" : "remature end"
            #expect(message.contains(expected), "\(index): \(message)")
            #expect(!message.contains(index.isMultiple(of: 2) ? "remature end" : "not in a known format"))
        }
    }

    @Test func flattenAndColourspaceGiveThreeBandSRGB() throws {
        let png = try VipsInput(file: VipsFixtures.url("alpha.png").path).thumbnail(ThumbnailOptions(width: 400))
        let flat = try png.flatten(red: 255, green: 255, blue: 255).copyToMemory()
        #expect(flat.bands == 3 && !flat.hasAlpha)
        #expect(try flat.pixel(x: 350, y: 150) == [255, 255, 255])
        let cmyk = try VipsInput(file: VipsFixtures.url("cmyk.jpg").path).thumbnail(ThumbnailOptions(width: 100))
        let srgb = try cmyk.sRGB()
        #expect(srgb.interpretation == .srgb && srgb.bands == 3)
    }
}

/// The fixture images of `Tests/Fixtures/images`.
enum VipsFixtures {
    static func url(_ name: String) -> URL { RepositoryPaths.fixtures.appendingPathComponent("images").appendingPathComponent(name) }
    static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}
