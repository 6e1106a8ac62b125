import CCurl
import CCurlShim

/// The C callbacks libcurl calls on the loop thread. Each gets the transfer back from the
/// unretained pointer set as its user data; the loop keeps the transfer alive while it runs.
extension CurlTransfer {
    func installCallbacks(_ options: inout CurlOptions) {
        let me = UnsafeRawPointer(Unmanaged.passUnretained(self).toOpaque())
        let easy = options.handle

        options.record(
            CURLOPT_HEADERFUNCTION,
            tabi_curl_setopt_header_function(easy) { buffer, size, count, context in
                let bytes = size * count
                guard let buffer, let context else { return bytes }
                CurlTransfer.from(context).sink.headerLine(UnsafeRawBufferPointer(start: buffer, count: bytes))
                return bytes
            })
        options.set(CURLOPT_HEADERDATA, pointer: me)

        options.record(
            CURLOPT_WRITEFUNCTION,
            tabi_curl_setopt_write_function(easy) { buffer, size, count, context in
                let bytes = size * count
                guard let buffer, let context else { return bytes }
                let ok = CurlTransfer.from(context).sink.write(UnsafeRawBufferPointer(start: buffer, count: bytes))
                return ok ? bytes : 0
            })
        options.set(CURLOPT_WRITEDATA, pointer: me)

        options.record(
            CURLOPT_READFUNCTION,
            tabi_curl_setopt_read_function(easy) { buffer, size, count, context in
                guard let buffer, let context else { return 0 }
                let target = UnsafeMutableRawBufferPointer(start: buffer, count: size * count)
                return CurlTransfer.from(context).source.read(into: target) ?? Int(CURL_READFUNC_ABORT)
            })
        options.set(CURLOPT_READDATA, pointer: me)

        options.record(
            CURLOPT_SEEKFUNCTION,
            tabi_curl_setopt_seek_function(easy) { context, offset, origin in
                guard let context, origin == SEEK_SET else { return Int32(CURL_SEEKFUNC_CANTSEEK) }
                return CurlTransfer.from(context).source.seek(to: Int64(offset)) ? Int32(CURL_SEEKFUNC_OK) : Int32(CURL_SEEKFUNC_FAIL)
            })
        options.set(CURLOPT_SEEKDATA, pointer: me)
    }

    fileprivate static func from(_ context: UnsafeMutableRawPointer) -> CurlTransfer {
        Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
    }
}
