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
        var stream = z_stream()
        // Negative window bits: a raw deflate stream, framed below with our own fixed header.
        let status = deflateInit2_(&stream, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
                                   ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(code: status, stage: "deflateInit2") }
        defer { deflateEnd(&stream) }

        let extraFlags: UInt8 = level == 9 ? 2 : (level == 1 ? 4 : 0)
        var output = Data([0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, extraFlags, 0xFF])
        let bound = Int(deflateBound(&stream, uLong(data.count)))
        var deflated = Data(count: bound)
        var produced = 0
        let result: Int32 = data.withUnsafeBytes { input in
            deflated.withUnsafeMutableBytes { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(out.count)
                let code = deflate(&stream, Z_FINISH)
                produced = out.count - Int(stream.avail_out)
                return code
            }
        }
        guard result == Z_STREAM_END else { throw GzipError(code: result, stage: "deflate") }
        output.append(deflated.prefix(produced))

        let checksum: uLong = data.withUnsafeBytes { input in
            crc32(0, input.bindMemory(to: Bytef.self).baseAddress, uInt(input.count))
        }
        appendLittleEndian(UInt32(truncatingIfNeeded: checksum), to: &output)
        appendLittleEndian(UInt32(truncatingIfNeeded: data.count), to: &output)
        return output
    }

    private static func appendLittleEndian(_ value: UInt32, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }
}

/// zlib refused: the step and its status code.
public struct GzipError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var stage: String

    public var description: String { "gzip compression failed in \(stage) (zlib status \(code))" }
}
