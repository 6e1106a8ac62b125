import CCurl
import CCurlShim

/// The linked libcurl's version text.
public func curlVersion() -> String { String(cString: curl_version()) }
