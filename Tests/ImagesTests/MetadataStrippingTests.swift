import Foundation
import Images
import TabiCore
import Testing
import Vips

/// Nothing from the camera leaves: no EXIF (GPS above all), XMP, IPTC or ICC in any derivative.
@Suite struct MetadataStrippingTests {
    /// The GPS-tagged photo as a JPEG (EXIF, XMP, IPTC) and as a PNG (eXIf and XMP chunks, which
    /// `vips copy` carries over), each on its own decode path.
    @Test(arguments: ["jpg", "png"])
    func noDerivativeCarriesMetadata(format: String) async throws {
        let workspace = ImageWorkspace()
        let fixture = ImageFixtures.url("landscape-gps.jpg")
        let bytes = format == "jpg" ? try Data(contentsOf: fixture) : try ImageTools.vipsCopy(fixture, to: "png")
        try workspace.put(bytes, at: "travels/trip/photo.\(format)")
        let photo = Photo(id: "photo", storageKey: "travels/trip/photo.\(format)")
        // The input really has all of it.
        let input = try VipsInput(bytes: bytes).header().fields
        #expect(input.contains("exif-ifd3-GPSLatitude") && input.contains("xmp-data"))
        #expect(input.contains("iptc-data") == (format == "jpg"))

        let renditions = try #require(await workspace.make([photo]).renditions[photo.id])
        for rendition in renditions.all {
            let fields = try workspace.header(rendition).fields
            let leaked = fields.filter {
                $0.hasPrefix("exif-") || $0.hasPrefix("xmp") || $0.hasPrefix("iptc") || $0.hasPrefix("icc")
                    || $0.localizedCaseInsensitiveContains("gps")
            }
            #expect(leaked.isEmpty, "\(rendition.path): \(leaked)")

            let bytes = try Data(contentsOf: workspace.file(rendition))
            switch rendition.format {
            case .jpeg:
                let segments = MetadataBlocks.jpegSegments(bytes)
                #expect(!segments.isEmpty, "\(rendition.path) is not a JPEG")
                // Only JFIF (APP0), tables and frame headers; no APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC).
                let app = segments.map(\.marker).filter { (0xE1...0xEF).contains($0) }
                #expect(app.isEmpty, "\(rendition.path): APP markers \(app)")
                // And no trace of the tags' text anywhere before the pixel data.
                let headers = segments.reduce(into: Data()) { $0.append($1.payload) }
                for text in ["Exif", "GPS", "Aitzol", "Zegama", "http://ns.adobe.com"] {
                    #expect(headers.range(of: Data(text.utf8)) == nil, "\(rendition.path) holds \(text)")
                }
            case .avif:
                Issue.record("the default recipes make no AVIF")
            case .webp:
                let chunks = MetadataBlocks.webpChunks(bytes)
                #expect(!chunks.isEmpty, "\(rendition.path) is not a WebP")
                #expect(Set(chunks).isDisjoint(with: ["EXIF", "XMP ", "ICCP"]), "\(rendition.path): \(chunks)")
            }
        }
    }
}
