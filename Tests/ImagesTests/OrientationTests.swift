import Foundation
import Images
import TabiCore
import TestSupport
import Testing
import Vips

/// Every EXIF orientation (1–8) gives upright derivatives, for a JPEG (shrink-on-load) and a PNG
/// (eXIf chunk, decoded in strips), on every decode path: derivatives cut from level 1 and those
/// decoded straight into their box (level 0).
@Suite struct OrientationTests {
    /// Where the stored top-left corner is once the image is upright, per orientation.
    enum Corner { case topLeft, topRight, bottomRight, bottomLeft }
    static let corners: [Int: Corner] = [
        1: .topLeft, 2: .topRight, 3: .bottomRight, 4: .bottomLeft,
        5: .topLeft, 6: .topRight, 7: .bottomRight, 8: .bottomLeft,
    ]

    @Test(arguments: ["jpg", "png"], 1...8)
    func derivativesAreUprightWithTheMarkedCornerWhereItBelongs(format: String, orientation: Int) async throws {
        let workspace = ImageWorkspace()
        let bytes = try Self.marked(format: format, orientation: orientation)
        #expect(try VipsInput(bytes: bytes).header().orientation == orientation)
        try workspace.put(bytes, at: "travels/trip/photo.\(format)")
        let photo = Photo(id: "photo", storageKey: "travels/trip/photo.\(format)")
        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])

        let swapped = orientation >= 5
        let upright = swapped ? (800, 1200) : (1200, 800)
        #expect(renditions.responsive.last.map { ($0.width, $0.height) } ?? (0, 0) == upright)
        #expect((renditions.thumbnail.width, renditions.thumbnail.height) == (300, 300))
        let corner = try #require(Self.corners[orientation])
        // The thumbnail is cropped on its most interesting part; every other derivative is the
        // whole photo: red in the marked corner, blue in the three others.
        for rendition in [renditions.medium] + renditions.responsive {
            let image = try VipsInput(file: workspace.file(rendition).path)
                .thumbnail(ThumbnailOptions(width: rendition.width, height: rendition.height, autorotate: false)).copyToMemory()
            #expect(
                image.orientation == 1 && (image.width > image.height) == !swapped,
                "\(format) \(orientation) \(rendition.path): \(image.width)×\(image.height)")
            for candidate in [Corner.topLeft, .topRight, .bottomRight, .bottomLeft] {
                let pixel = try Self.pixel(image, near: candidate)
                let red = pixel[0] > 180 && pixel[1] < 80 && pixel[2] < 80
                #expect(red == (candidate == corner), "\(format) \(orientation) \(rendition.path) \(candidate): \(pixel)")
            }
        }
    }

    /// 1200×800 as stored, blue-grey with a red 200×200 block in the stored top-left corner (an
    /// enlargement of orientation-6.jpg's pixels), carrying only an EXIF orientation.
    static func marked(format: String, orientation: Int) throws -> Data {
        let jpeg = try VipsInput(file: ImageFixtures.url("orientation-6.jpg").path)
            .thumbnail(ThumbnailOptions(width: 1200, height: 800, size: .force, autorotate: false))
            .jpegData(quality: 90)
        let exif = EXIFBlock.orientation(orientation)
        guard format == "png" else { return EXIFBlock.jpeg(jpeg, exif: exif) }
        let folder = TemporaryFolder("tabi-orientation")
        try jpeg.write(to: folder("stored.jpg"))
        return PNGFile.adding(exif: exif, to: try ImageTools.vipsCopy(folder("stored.jpg"), to: "png"))
    }

    /// The pixel 5% in from `corner` along each side.
    static func pixel(_ image: VipsImage, near corner: Corner) throws -> [Double] {
        let left = image.width / 20, right = image.width - 1 - image.width / 20
        let top = image.height / 20, bottom = image.height - 1 - image.height / 20
        switch corner {
        case .topLeft: return try image.pixel(x: left, y: top)
        case .topRight: return try image.pixel(x: right, y: top)
        case .bottomRight: return try image.pixel(x: right, y: bottom)
        case .bottomLeft: return try image.pixel(x: left, y: bottom)
        }
    }
}
