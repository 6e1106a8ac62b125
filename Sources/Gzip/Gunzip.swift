import CZlib
import Foundation

extension Gzip {
    /// The bytes a gzip stream holds (one member), at most `maxBytes` of them: a stream that
    /// inflates to more, is cut short or is not gzip throws, so a hostile or broken object never
    /// takes more memory than the caller allowed.
    public static func decompress(_ data: Data, maxBytes: Int) throws(GzipError) -> Data {
        var stream = z_stream()
        // 15 + 16: a gzip wrapper only, with the largest window.
        let status = inflateInit2_(&stream, MAX_WBITS + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw GzipError(code: status, stage: "inflateInit2") }
        defer { inflateEnd(&stream) }
        guard data.count <= Int(uInt.max) else { throw GzipError(code: Z_BUF_ERROR, stage: "inflate") }
        var output = Data()
        let chunk = 64 << 10
        var buffer = [UInt8](repeating: 0, count: chunk)
        let result: Int32 = data.withUnsafeBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let code = buffer.withUnsafeMutableBytes { out -> Int32 in
                    stream.next_out = out.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(chunk)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk - Int(stream.avail_out)
                guard output.count + produced <= maxBytes else { return Z_MEM_ERROR }
                output.append(contentsOf: buffer[0..<produced])
                if code == Z_STREAM_END { return code }
                // No progress with input left means a damaged stream; none left, a short one.
                guard code == Z_OK, produced > 0 || stream.avail_in > 0 else { return code == Z_OK ? Z_DATA_ERROR : code }
            }
        }
        switch result {
        case Z_STREAM_END: return output
        case Z_MEM_ERROR: throw GzipError(code: result, stage: "inflate (more than \(maxBytes) bytes)")
        default: throw GzipError(code: result, stage: "inflate")
        }
    }
}
