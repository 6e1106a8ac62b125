import CZlib
import Foundation

/// A raw deflate stream (RFC 1951, no zlib or gzip framing) made by zlib, for the formats that
/// frame it themselves: gzip and ZIP. zlib's output depends only on the input and the settings
/// here, never on the clock or the machine, so the same bytes in give the same bytes out.
enum RawDeflate {
    /// `data` deflated at `level` (1 fastest … 9 smallest), or nil when the stream would take
    /// more than `limit` bytes, so a caller that keeps only smaller output stops early.
    static func compress(_ data: Data, level: Int32, limit: Int = .max) throws(GzipError) -> Data? {
        guard limit > 0 else { return nil }
        var stream = z_stream()
        // Negative window bits: raw deflate. Memory level 9 and the default strategy, fixed.
        let status = deflateInit2_(
            &stream, level, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY,
            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(code: status, stage: "deflateInit2") }
        defer { deflateEnd(&stream) }

        let capacity = min(limit, Int(deflateBound(&stream, uLong(data.count))))
        var output = Data(count: capacity)
        var produced = 0
        let result: Int32 = data.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                // zlib counts in 32-bit `uInt`: hand both buffers over in pieces it can count.
                let piece = Int(uInt.max)
                var handedIn = 0, handedOut = 0
                while true {
                    if stream.avail_in == 0, handedIn < input.count {
                        let count = min(input.count - handedIn, piece)
                        stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress! + handedIn)
                        stream.avail_in = uInt(count)
                        handedIn += count
                    }
                    if stream.avail_out == 0 {
                        let count = min(out.count - handedOut, piece)
                        guard count > 0 else { return Z_BUF_ERROR }
                        stream.next_out = out.bindMemory(to: Bytef.self).baseAddress! + handedOut
                        stream.avail_out = uInt(count)
                        handedOut += count
                    }
                    let code = deflate(&stream, handedIn == input.count ? Z_FINISH : Z_NO_FLUSH)
                    if code == Z_STREAM_END {
                        produced = handedOut - Int(stream.avail_out)
                        return code
                    }
                    // Z_BUF_ERROR only says "no progress": the next turn hands over more room.
                    guard code == Z_OK || code == Z_BUF_ERROR else { return code }
                }
            }
        }
        switch result {
        case Z_STREAM_END:
            output.count = produced
            return output
        case Z_BUF_ERROR: return nil
        default: throw GzipError(code: result, stage: "deflate")
        }
    }
}
