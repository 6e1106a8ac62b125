import Foundation
import Images
import TabiCore
import TestSupport
import Testing

/// A derivative's bytes are a function of its name (the original's hash and the recipe): made
/// alone, it is the same file as when the build makes every derivative of the photo at once.
@Suite struct DerivativeDeterminismTests {
    /// A JPEG (levels 0 and 1), a 3600×2400 PNG (levels 1, 2 and 3, all from one decode) and a
    /// small rotated PNG (levels 0 and 1).
    @Test(arguments: ["landscape-gps.jpg", "large.png", "orientation-6.png"])
    func eachDerivativeMadeAloneIsTheSameFile(_ name: String) async throws {
        let whole = ImageWorkspace()
        let bytes = try Self.original(name)
        try whole.put(bytes, at: "travels/trip/\(name)")
        let photo = Photo(id: name, storageKey: "travels/trip/\(name)")
        let renditions = try #require(await whole.make([photo]).renditions[photo.id])
        let files = try renditions.all.map { try Data(contentsOf: whole.file($0)) }

        for (index, rendition) in renditions.all.enumerated() {
            // Every other derivative already there: this one is made on its own.
            let alone = ImageWorkspace()
            try alone.put(bytes, at: "travels/trip/\(name)")
            for (other, data) in zip(renditions.all, files) where other.path != rendition.path {
                let file = alone.file(other)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
            let batch = await alone.make([photo])
            #expect(batch.encoded == 1, "\(rendition.path)")
            #expect(try Data(contentsOf: alone.file(rendition)) == files[index], "\(name): \(rendition.path) differs made alone")
        }
    }

    /// A fixture, or a PNG made from one (a format that cannot shrink on load) by `vips`.
    static func original(_ name: String) throws -> Data {
        switch name {
        case "large.png":
            let folder = TemporaryFolder("tabi-large-png")
            try ImageTools.vips([
                "thumbnail", ImageFixtures.url("landscape-gps.jpg").path, folder("large.png").path,
                "3600", "--height", "2400", "--size", "force",
            ])
            return try Data(contentsOf: folder("large.png"))
        case "orientation-6.png":
            return try ImageTools.vipsCopy(ImageFixtures.url("orientation-6.jpg"), to: "png")
        default:
            return try ImageFixtures.data(name)
        }
    }
}
