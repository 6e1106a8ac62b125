import Foundation

/// The metadata containers inside encoded files, read from the bytes rather than trusting a decoder.
enum MetadataBlocks {
    /// The JPEG marker segments before the image data (e.g. 0xE0 JFIF, 0xE1 EXIF/XMP, 0xE2 ICC,
    /// 0xED IPTC), each with its first bytes.
    static func jpegSegments(_ data: Data) -> [(marker: UInt8, payload: Data)] {
        let bytes = [UInt8](data)
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return [] }
        var segments: [(UInt8, Data)] = []
        var index = 2
        while index + 4 <= bytes.count, bytes[index] == 0xFF {
            let marker = bytes[index + 1]
            if marker == 0xDA || marker == 0xD9 { break }  // start of scan: pixel data follows
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let end = min(bytes.count, index + 2 + length)
            segments.append((marker, Data(bytes[(index + 4)..<end])))
            index = end
        }
        return segments
    }

    /// The RIFF chunk ids of a WebP file ("VP8 ", "VP8L", "VP8X", "ALPH", "ICCP", "EXIF", "XMP ").
    static func webpChunks(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF",
            String(decoding: bytes[8..<12], as: UTF8.self) == "WEBP"
        else { return [] }
        var chunks: [String] = []
        var index = 12
        while index + 8 <= bytes.count {
            chunks.append(String(decoding: bytes[index..<(index + 4)], as: UTF8.self))
            let size =
                Int(bytes[index + 4]) | Int(bytes[index + 5]) << 8 | Int(bytes[index + 6]) << 16
                | Int(bytes[index + 7]) << 24
            index += 8 + size + (size & 1)
        }
        return chunks
    }
}
