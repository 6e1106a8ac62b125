import Foundation

/// The RIFF container of a WebP file, just enough to drop its metadata chunks.
///
/// libvips 8.14's `webpsave` writes an EXIF chunk even when asked to strip (it rebuilds EXIF from
/// the resolution fields before it looks at `strip`), so WebP bytes are cleaned here as well:
/// `EXIF`, `XMP ` and `ICCP` chunks are removed and their flags cleared in the `VP8X` header.
enum WebPContainer {
    private static let metadataChunks: Set<String> = ["EXIF", "XMP ", "ICCP"]
    /// VP8X feature flags for ICC (0x20), EXIF (0x08) and XMP (0x04).
    private static let metadataFlags: UInt8 = 0x20 | 0x08 | 0x04

    /// The file without metadata chunks; nil when `data` is not a well-formed WebP file.
    static func removingMetadata(from data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, ascii(bytes, 0) == "RIFF", ascii(bytes, 8) == "WEBP" else { return nil }
        var body: [UInt8] = Array("WEBP".utf8)
        var index = 12
        while index < bytes.count {
            guard index + 8 <= bytes.count else { return nil }
            let id = ascii(bytes, index)
            let size = Int(littleEndian32(bytes, index + 4))
            let padded = size + (size & 1)
            guard index + 8 + size <= bytes.count else { return nil }
            let end = min(bytes.count, index + 8 + padded)
            if !metadataChunks.contains(id) {
                var chunk = Array(bytes[index..<end])
                if id == "VP8X", chunk.count > 8 { chunk[8] &= ~metadataFlags }
                body += chunk
            }
            index = end
        }
        var out = Array("RIFF".utf8)
        let riffSize = UInt32(body.count)
        out += [UInt8(riffSize & 0xFF), UInt8(riffSize >> 8 & 0xFF), UInt8(riffSize >> 16 & 0xFF), UInt8(riffSize >> 24)]
        out += body
        return Data(out)
    }

    private static func ascii(_ bytes: [UInt8], _ at: Int) -> String {
        String(decoding: bytes[at..<(at + 4)], as: UTF8.self)
    }

    private static func littleEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
