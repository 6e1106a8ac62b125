import CCurl
import CCurlShim

/// Typed `curl_easy_setopt` calls through the shim (the C function is variadic). A failed
/// option is a programming error or a libcurl built without a feature we rely on, so the
/// result is reported to the caller, which turns it into an ``HTTPError``.
struct CurlOptions {
    let handle: UnsafeMutableRawPointer
    private(set) var failure: (option: CURLoption, code: CURLcode)?

    init(_ handle: UnsafeMutableRawPointer) { self.handle = handle }

    mutating func set(_ option: CURLoption, _ value: Int) {
        record(option, tabi_curl_setopt_long(handle, option, value))
    }

    mutating func set(_ option: CURLoption, _ value: Int64) {
        record(option, tabi_curl_setopt_off(handle, option, curl_off_t(value)))
    }

    /// Strings are copied by libcurl, so the temporary C string may go away afterwards.
    mutating func set(_ option: CURLoption, _ value: String) {
        record(option, value.withCString { tabi_curl_setopt_ptr(handle, option, $0) })
    }

    mutating func set(_ option: CURLoption, pointer: UnsafeRawPointer?) {
        record(option, tabi_curl_setopt_ptr(handle, option, pointer))
    }

    mutating func record(_ option: CURLoption, _ code: CURLcode) {
        if code != CURLE_OK, failure == nil { failure = (option, code) }
    }
}

/// Typed `curl_easy_getinfo` calls through the shim.
struct CurlInfo {
    let handle: UnsafeMutableRawPointer

    func long(_ info: CURLINFO) -> Int {
        var value = 0
        return tabi_curl_getinfo_long(handle, info, &value) == CURLE_OK ? value : 0
    }

    func offset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        return tabi_curl_getinfo_off(handle, info, &value) == CURLE_OK ? Int64(value) : 0
    }

    /// A `*_TIME_T` value (microseconds) as a duration.
    func duration(_ info: CURLINFO) -> Duration { .microseconds(offset(info)) }
}
