import Foundation

/// Files libvips would read (and some would make enormous) that a photo must never be: each with
/// the loader libvips 8.14 sniffs for it.
enum HostileFiles {
    /// A file in a format outside the allow-list, and the loader family libvips recognises it by.
    struct Sample {
        var name: String
        var bytes: Data
        var family: String
        /// libvips 8.14 recognises FITS and .v files only as files, not as bytes in memory (where
        /// they are "not in a known format", refused all the same).
        var recognisedInMemory = true
    }

    /// 123 bytes that libvips would render as a 100000×100000 image (40 GB of RGBA).
    static let svgBomb = Data(
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>
        """.utf8)

    /// A one-page PDF with a page as large as PDF allows, which pdfload would render at that size.
    static let pdf = Data(
        """
        %PDF-1.4
        1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj
        2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj
        3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400]>> endobj
        trailer <</Root 1 0 R>>
        %%EOF

        """.utf8)

    /// 12 bytes of text that libvips's matrix loader reads as a 2×2 image.
    static let matrix = Data("2 2\n1 2\n3 4\n".utf8)

    /// A FITS header (astronomy), one 80-column card per line, padded to FITS's 2880-byte block.
    static let fits: Data = {
        let cards = [
            "SIMPLE  =                    T", "BITPIX  =                    8", "NAXIS   =                    2",
            "NAXIS1  =                    2", "NAXIS2  =                    2", "END",
        ]
        var text = cards.map { $0.padding(toLength: 80, withPad: " ", startingAt: 0) }.joined()
        text = text.padding(toLength: 2880, withPad: " ", startingAt: 0)
        return Data(text.utf8) + Data(repeating: 0, count: 2880)
    }()

    /// A binary PPM of 2×2 pixels.
    static let ppm = Data("P6\n2 2\n255\n".utf8) + Data(repeating: 0x80, count: 12)

    /// The handwritten samples, each with the family libvips sniffs.
    static let handwritten: [Sample] = [
        Sample(name: "bomb.svg", bytes: svgBomb, family: "svgload"),
        Sample(name: "page.pdf", bytes: pdf, family: "pdfload"),
        Sample(name: "matrix.txt", bytes: matrix, family: "matrixload"),
        Sample(name: "sky.fits", bytes: fits, family: "fitsload", recognisedInMemory: false),
        Sample(name: "grey.ppm", bytes: ppm, family: "ppmload"),
    ]

    /// Real files of refused formats, written by `vips copy` from a fixture photo.
    static func converted(from photo: URL) throws -> [Sample] {
        [
            Sample(name: "photo.tif", bytes: try ImageTools.vipsCopy(photo, to: "tif"), family: "tiffload"),
            Sample(
                name: "photo.v", bytes: try ImageTools.vipsCopy(photo, to: "v"), family: "vipsload",
                recognisedInMemory: false),
            Sample(name: "photo.hdr", bytes: try ImageTools.vipsCopy(photo, to: "hdr"), family: "radload"),
            Sample(name: "photo.jp2", bytes: try ImageTools.vipsCopy(photo, to: "jp2"), family: "jp2kload"),
        ]
    }

    /// A 38-byte GIF whose logical screen and only frame declare `width` × `height`, with four
    /// bytes of pixel data. (A huge screen around a small frame is no bomb: libnsgif shrinks the
    /// screen to its frames.)
    static func gif(width: Int, height: Int) -> Data {
        func little16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        var bytes = Array("GIF89a".utf8) + little16(width) + little16(height)
        bytes += [0x80, 0x00, 0x00]  // a global colour table of 2 entries, background 0
        bytes += [0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF]  // black, white
        bytes += [0x2C] + little16(0) + little16(0) + little16(width) + little16(height) + [0x00]
        bytes += [0x02, 0x02, 0x44, 0x01, 0x00]  // LZW: clear, index 0, end
        bytes += [0x3B]
        return Data(bytes)
    }
}
