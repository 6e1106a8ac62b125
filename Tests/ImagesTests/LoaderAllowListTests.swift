import Foundation
import TestSupport
import Testing
import Vips

/// Only JPEG, PNG, WebP, HEIF/AVIF and GIF are read: libvips blocks every other loader, and the
/// wrapper refuses other formats by name before any loader runs.
@Suite struct LoaderAllowListTests {
    @Test func libvipsItselfBlocksEveryLoaderButTheAllowedOnes() throws {
        for allowed in [
            "jpegload_source", "pngload_source", "webpload_source", "heifload_source", "gifload_source",
            "jpegload", "pngload_buffer",
        ] {
            #expect(try Vips.isBlocked(allowed) == false, "\(allowed)")
        }
        for refused in [
            "svgload_source", "pdfload_source", "matrixload_source", "csvload_source", "fitsload_source",
            "vipsload_source", "ppmload_source", "radload_source", "tiffload_source", "jp2kload_source",
            "openexrload", "analyzeload", "rawload", "magickload_buffer", "openslideload_source",
            "jxlload_source", "matrixload", "csvload",
        ] {
            // A loader this libvips was built without cannot run either (nil).
            #expect(try Vips.isBlocked(refused) != false, "\(refused)")
        }
        // The block is on loaders only: the operations the pipeline uses still run.
        #expect(try Vips.isBlocked("thumbnail_source") == false)
        #expect(try Vips.isBlocked("no_such_operation") == nil)
    }

    @Test func otherFormatsAreRefusedByNameBeforeTheirLoaderRuns() throws {
        let samples = HostileFiles.handwritten + (try HostileFiles.converted(from: ImageFixtures.url("small.jpg")))
        for sample in samples {
            let input = try VipsInput(bytes: sample.bytes)
            let header = #expect(throws: VipsError.self, "\(sample.name)") {
                try Vips.isolatingErrors { () throws(VipsError) in try input.header() }
            }
            let decode = #expect(throws: VipsError.self, "\(sample.name)") {
                try Vips.isolatingErrors { () throws(VipsError) in try input.thumbnail(ThumbnailOptions(width: 100)) }
            }
            guard sample.recognisedInMemory else {
                #expect(header?.message.contains("not in a known format") == true, "\(sample.name): \(String(describing: header))")
                continue
            }
            #expect(try input.loader().family == sample.family, "\(sample.name)")
            #expect(header?.refusedLoader?.family == sample.family, "\(sample.name): \(String(describing: header))")
            #expect(header?.message.contains("only JPEG, PNG, WebP, HEIF/AVIF and GIF are read") == true)
            #expect(decode?.refusedLoader?.family == sample.family, "\(sample.name)")
        }
        let svg = #expect(throws: VipsError.self) { try VipsInput(bytes: HostileFiles.svgBomb).header() }
        #expect(
            svg?.description == """
                libvips could not read the image header: it is SVG (svgload_source), and only JPEG, PNG, WebP, \
                HEIF/AVIF and GIF are read
                """)
    }

    @Test func filesAreHeldToTheSameList() throws {
        let folder = TemporaryFolder("tabi-loaders")
        for sample in HostileFiles.handwritten + (try HostileFiles.converted(from: ImageFixtures.url("small.jpg"))) {
            let file = folder(sample.name)
            try sample.bytes.write(to: file)
            let error = #expect(throws: VipsError.self, "\(sample.name)") { try VipsInput(file: file.path).header() }
            #expect(error?.refusedLoader?.family == sample.family, "\(sample.name)")
        }
        // libvips also knows CSV, but only by a file's name, never from its bytes: refused.
        let csv = folder("table.csv")
        try Data("1,2,3\n4,5,6\n".utf8).write(to: csv)
        let error = #expect(throws: VipsError.self) {
            try Vips.isolatingErrors { () throws(VipsError) in try VipsInput(file: csv.path).header() }
        }
        #expect(error?.message.contains("not in a known format") == true, "\(String(describing: error))")
    }

    @Test func theAllowedFormatsAreReadWhateverTheirNameSays() throws {
        let png = ImageFixtures.url("alpha.png")
        let header = try VipsInput(file: png.path).header()
        #expect(header.loader == "pngload_source" && header.width == 400)
        let webp = try VipsInput(file: ImageFixtures.url("small.jpg").path).thumbnail(ThumbnailOptions(width: 64))
            .webpData(quality: 70)
        #expect(try VipsInput(bytes: webp).loader() == VipsLoader(nickname: "webpload_source"))
        let gif = try VipsInput(bytes: HostileFiles.gif(width: 3, height: 2)).header()
        #expect(gif.loader == "gifload_source" && gif.width == 3 && gif.height == 2)
    }
}
