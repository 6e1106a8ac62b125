import CZlib
import Foundation

/// gzip compression (RFC 1952) with zlib, made to be deterministic: the same bytes in give the
/// same bytes out, run after run, so a compressed file's MD5 (and its S3 ETag) proves it
/// unchanged. The header carries no file name, no modification time (0) and "unknown" as the
/// operating system, which zlib's own gzip mode would set per platform.
///
/// The deflate stream itself is zlib's: another zlib version could encode the same input
/// differently (still valid gzip), which would only make publish upload those files once more.
public enum Gzip {
    /// zlib's version, as linked.
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }

    /// `data` compressed at `level` (1 fastest … 9 smallest).
    public static func compress(_ data: Data, level: Int32 = 9) throws(GzipError) -> Data {
        // No limit: zlib's deflateBound always leaves room, so nil would mean zlib broke its word.
        guard let deflated = try RawDeflate.compress(data, level: level) else {
            throw GzipError(code: Z_BUF_ERROR, stage: "deflate")
        }
        let extraFlags: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
        var output = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, extraFlags, 0xFF])
        output.append(deflated)
        output.appendLittleEndian(CRC32.checksum(data))
        output.appendLittleEndian(UInt32(truncatingIfNeeded: data.count))
        return output
    }
}

/// zlib refused: the step and its status code.
public struct GzipError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var stage: String

    public var description: String { "gzip failed in \(stage) (zlib status \(code))" }
}
