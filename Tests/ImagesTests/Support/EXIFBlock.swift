import Foundation

/// The smallest EXIF block that carries an orientation, and ways to put it into a JPEG (APP1) or
/// a PNG (eXIf), so every orientation 1–8 can be tested on the same pixels.
enum EXIFBlock {
    /// A little-endian TIFF structure with one IFD of one entry: Orientation (0x0112) = `value`.
    static func orientation(_ value: Int) -> [UInt8] {
        var tiff: [UInt8] = [0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00]  // "II", 42, IFD at 8
        tiff += [0x01, 0x00]  // one entry
        tiff += [0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00]  // tag 0x0112, SHORT, count 1
        tiff += [UInt8(value), 0x00, 0x00, 0x00]  // the value, padded to four bytes
        tiff += [0x00, 0x00, 0x00, 0x00]  // no next IFD
        return tiff
    }

    /// `jpeg` with its APP1 segments (EXIF, XMP) replaced by one EXIF segment holding `tiff`.
    static func jpeg(_ jpeg: Data, exif tiff: [UInt8]) -> Data {
        let bytes = [UInt8](jpeg)
        precondition(bytes.count > 4 && bytes[0] == 0xFF && bytes[1] == 0xD8, "not a JPEG")
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        var out: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        var index = 2
        // Copy the marker segments before the pixel data, leaving out the APP1s.
        while index + 4 <= bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            let size = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if bytes[index + 1] != 0xE1 { out += bytes[index..<(index + 2 + size)] }
            index += 2 + size
        }
        out += bytes[index...]
        return Data(out)
    }
}
