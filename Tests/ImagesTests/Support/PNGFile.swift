import Foundation

/// PNG files written byte by byte: a header that declares any size, and extra chunks (eXIf) added
/// to a real PNG. libvips then reads them as it would a file from a phone or an attacker.
enum PNGFile {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// A PNG that declares `width` × `height` 8-bit RGB pixels but holds only a few hundred bytes
    /// of (valid, all-zero) pixel data: its header reads fine, a decode runs out of data.
    static func declaring(width: Int, height: Int) -> Data {
        var ihdr = bigEndian32(width) + bigEndian32(height)
        ihdr += [8, 2, 0, 0, 0]  // 8 bits, RGB, deflate, no filter method, not interlaced
        // A zlib stream of one stored (uncompressed) block of zeros: filter byte 0 and black pixels.
        let zeros = [UInt8](repeating: 0, count: 256)
        var idat: [UInt8] = [0x78, 0x01, 0x00]
        idat += [UInt8(zeros.count & 0xFF), UInt8(zeros.count >> 8)]
        idat += [UInt8(~zeros.count & 0xFF), UInt8((~zeros.count >> 8) & 0xFF)]
        idat += zeros
        return Data(signature + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", []))
    }

    /// `png` with an `eXIf` chunk holding `exif` (a TIFF structure, as ``EXIFBlock`` makes)
    /// inserted after its header chunk; any `eXIf` it had is dropped.
    static func adding(exif: [UInt8], to png: Data) -> Data {
        var chunks = self.chunks(of: png).filter { $0.type != "eXIf" }
        chunks.insert((type: "eXIf", body: exif), at: 1)
        return Data(signature + chunks.flatMap { chunk($0.type, $0.body) })
    }

    /// The chunks of a PNG file, in order.
    static func chunks(of png: Data) -> [(type: String, body: [UInt8])] {
        let bytes = [UInt8](png)
        var index = signature.count
        var chunks: [(String, [UInt8])] = []
        while index + 12 <= bytes.count {
            let length = Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            chunks.append((type, Array(bytes[(index + 8)..<(index + 8 + length)])))
            index += 12 + length
        }
        return chunks
    }

    static func chunk(_ type: String, _ body: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + body
        return bigEndian32(body.count) + typed + bigEndian32(Int(crc32(typed)))
    }

    static func bigEndian32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// The CRC-32 PNG chunks carry (the zlib / IEEE polynomial).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
