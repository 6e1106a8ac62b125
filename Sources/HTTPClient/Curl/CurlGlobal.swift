import CCurl
import CCurlShim

/// `curl_global_init`, run once per process before the first handle is made.
enum CurlGlobal {
    /// Whether libcurl initialised; Swift runs a `static let` initialiser exactly once, thread-safely.
    static let isReady: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
