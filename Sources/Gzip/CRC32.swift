import CZlib
import Foundation

/// The CRC-32 that gzip and ZIP store beside their data (ISO 3309, as zlib computes it).
enum CRC32 {
    /// The checksum of `data`.
    static func checksum(_ data: Data) -> UInt32 {
        let value: uLong = data.withUnsafeBytes { bytes in
            crc32_z(0, bytes.bindMemory(to: Bytef.self).baseAddress, z_size_t(bytes.count))
        }
        return UInt32(truncatingIfNeeded: value)
    }
}
