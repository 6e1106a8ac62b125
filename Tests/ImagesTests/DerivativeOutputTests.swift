import Foundation
import Images
import TabiCore
import Testing
import Vips

/// What the derivative files are: sizes, formats, orientation, colour, alpha.
@Suite struct DerivativeOutputTests {
    @Test func thumbnailMediumAndResponsiveSizes() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("landscape-gps.jpg")
        let batch = await workspace.make([photo])
        #expect(batch.failures.isEmpty)
        let renditions = try #require(batch.renditions[photo.id])

        #expect((renditions.thumbnail.width, renditions.thumbnail.height) == (300, 300))
        // 1000×666 fits 800×600 at 800 wide, aspect kept.
        #expect((renditions.medium.width, renditions.medium.height) == (800, 533))
        #expect(renditions.responsive.map(\.width) == [480, 960, 1000, 480, 960, 1000])
        #expect(renditions.responsive.map(\.format) == [.webp, .webp, .webp, .jpeg, .jpeg, .jpeg])
        #expect(renditions.responsive[2].height == 666)

        // The sizes the pages get are the files' real sizes.
        for rendition in renditions.all {
            let header = try workspace.header(rendition)
            #expect((header.width, header.height) == (rendition.width, rendition.height), "\(rendition.path)")
            let loader = rendition.format == .webp ? "webpload_source" : "jpegload_source"
            #expect(header.loader == loader, "\(rendition.path)")
            #expect(header.interpretation == .srgb && header.bands == 3)
        }
        #expect(batch.files == Set(renditions.all.map(\.path)))
        #expect(batch.encoded == 8 && batch.reused == 0)
    }

    @Test func aSmallPhotoIsNeverEnlarged() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("small.jpg")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        #expect((renditions.thumbnail.width, renditions.thumbnail.height) == (160, 160))
        #expect((renditions.medium.width, renditions.medium.height) == (240, 160))
        #expect(renditions.responsive.map(\.width) == [240, 240])
        #expect(renditions.responsive.map(\.format) == [.webp, .jpeg])
    }

    @Test func exifOrientationIsApplied() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("orientation-6.jpg")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        // Stored 600×400 with orientation 6: displayed 400×600.
        #expect((renditions.medium.width, renditions.medium.height) == (400, 600))
        #expect(renditions.responsive.map(\.width) == [400, 400])
        #expect(renditions.responsive[0].height == 600)

        // The red block in the stored top-left corner is top-right once upright.
        let medium = try VipsInput(file: workspace.file(renditions.medium).path)
            .thumbnail(ThumbnailOptions(width: 400, autorotate: false)).copyToMemory()
        #expect(medium.orientation == 1)
        let topRight = try medium.pixel(x: 350, y: 50)
        let topLeft = try medium.pixel(x: 50, y: 50)
        #expect(topRight[0] > 200 && topRight[1] < 60 && topRight[2] < 60, "\(topRight)")
        #expect(topLeft[0] < 120 && topLeft[2] > 120, "\(topLeft)")
    }

    @Test func cmykWithoutAProfileComesOutSRGB() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("cmyk.jpg")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        for rendition in renditions.all {
            let header = try workspace.header(rendition)
            #expect(header.interpretation == .srgb && header.bands == 3, "\(rendition.path)")
        }
        // The bowl is red: read as CMYK it stays red; misread it would not be.
        let medium = try VipsInput(file: workspace.file(renditions.medium).path)
            .thumbnail(ThumbnailOptions(width: 400)).copyToMemory()
        let bowl = try medium.pixel(x: medium.width * 3 / 4, y: medium.height / 2)
        #expect(bowl[0] > 150 && bowl[0] > bowl[1] + 80 && bowl[0] > bowl[2] + 80, "\(bowl)")
    }

    @Test func anEmbeddedProfileIsConvertedToSRGB() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("display-p3-red.jpg")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        let medium = try VipsInput(file: workspace.file(renditions.medium).path)
            .thumbnail(ThumbnailOptions(width: 64)).copyToMemory()
        // Stored as P3 (234, 51, 35); as sRGB that colour is pure red again.
        let pixel = try medium.pixel(x: 32, y: 32)
        #expect(pixel[0] > 245 && pixel[1] < 20 && pixel[2] < 20, "\(pixel)")
        #expect(!medium.fields.contains("icc-profile-data"))
    }

    @Test func alphaIsFlattenedOnWhiteForJPEGAndKeptInWebP() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("alpha.png")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        let jpeg = try #require(renditions.responsive.first { $0.format == .jpeg })
        let webp = try #require(renditions.responsive.first { $0.format == .webp })
        #expect(jpeg.width == 400 && webp.width == 400)

        let flat = try VipsInput(file: workspace.file(jpeg).path).thumbnail(ThumbnailOptions(width: 400)).copyToMemory()
        #expect(flat.bands == 3)
        let white = try flat.pixel(x: 300, y: 150)
        #expect(white.allSatisfy { $0 > 250 }, "\(white)")
        let blue = try flat.pixel(x: 100, y: 150)
        #expect(blue[2] > 180 && blue[0] < 60, "\(blue)")

        let alpha = try VipsInput(file: workspace.file(webp).path).thumbnail(ThumbnailOptions(width: 400)).copyToMemory()
        #expect(alpha.bands == 4 && alpha.hasAlpha)
        #expect(try alpha.pixel(x: 300, y: 150)[3] == 0)
        #expect(try alpha.pixel(x: 100, y: 150)[3] == 255)

        // The medium and thumbnail are JPEG too: flattened.
        #expect(try workspace.header(renditions.thumbnail).bands == 3)
    }

    @Test func avifCanBeAResponsiveFormatAndCarriesNoMetadata() async throws {
        let workspace = ImageWorkspace()
        let photo = try workspace.add("landscape-gps.jpg")
        var recipes = ImageRecipes.defaults
        recipes.widths = [480]
        recipes.formats = [.avif, .jpeg]
        let renditions = try #require(await workspace.make([photo], recipes: recipes).renditions[photo.id])
        let avif = try #require(renditions.responsive.first)
        #expect(avif.format == .avif && avif.path.hasSuffix(".avif") && avif.width == 480)
        let header = try workspace.header(avif)
        #expect(header.loader == "heifload_source")
        let leaked = header.fields.filter { $0.hasPrefix("exif") || $0.hasPrefix("xmp") || $0.hasPrefix("icc") }
        #expect(leaked.isEmpty, "\(leaked)")
        let bytes = try Data(contentsOf: workspace.file(avif))
        #expect(bytes.range(of: Data("Exif".utf8)) == nil && bytes.range(of: Data("GPS".utf8)) == nil)
    }
}
