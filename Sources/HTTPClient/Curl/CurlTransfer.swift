import CCurl
import CCurlShim
import Foundation

/// One request in flight: its easy handle, the header list and buffers libcurl points into, and
/// the response being collected.
///
/// Made on the caller's thread; from ``CurlMultiLoop/submit(_:)`` on, only the loop thread
/// touches it, and it cleans the easy handle up there too, before resuming the caller.
final class CurlTransfer: @unchecked Sendable {
    private(set) var handle: UnsafeMutableRawPointer?
    let method: String
    let host: String
    private let query: Substring
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
    /// Where the request body comes from (read by the read callback).
    var source: CurlBodySource
    /// Where the response goes (written by the header and write callbacks).
    var sink: CurlResponseSink
    /// Set (under the loop's inbox lock) when the caller's task is cancelled.
    var cancelRequested = false
    /// Resumed exactly once, by ``complete(_:)``.
    var continuation: CheckedContinuation<Result<HTTPResponse, HTTPError>, Never>?

    init(request: HTTPRequest) throws(HTTPError) {
        method = request.method.rawValue
        host = request.host
        query = request.url.firstIndex(of: "?").map { request.url[$0...] } ?? ""
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        sink = CurlResponseSink(destination: request.responseDestination, maxBytes: request.maxResponseBytes)
        source = .empty
        try Self.validate(request, method: method, host: host)
        do {
            source = try CurlBodySource(request.body)
        } catch {
            throw HTTPError(kind: .bodyUnreadable, method: method, host: host, detail: error.description)
        }
        guard CurlGlobal.isReady, let easy = curl_easy_init() else {
            throw HTTPError(kind: .other, method: method, host: host, detail: "libcurl could not be initialised")
        }
        handle = easy
        try configure(easy, request)
    }

    deinit {
        // Only a transfer that never reached the loop still has its handle and files here.
        if let handle { curl_easy_cleanup(handle) }
        source.close()
        sink.close()
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    // MARK: - Setup

    private func configure(_ easy: UnsafeMutableRawPointer, _ request: HTTPRequest) throws(HTTPError) {
        var options = CurlOptions(easy)
        options.set(CURLOPT_URL, request.url)
        // SigV4 signs the path bytes; libcurl must not squash `/../` or `/./` segments.
        options.set(CURLOPT_PATH_AS_IS, 1)
        options.set(CURLOPT_PROTOCOLS_STR, "http,https")
        options.set(CURLOPT_NOSIGNAL, 1)
        options.set(CURLOPT_FOLLOWLOCATION, 0)
        options.set(CURLOPT_TCP_KEEPALIVE, 1)
        // Headers and a small body go out as separate writes; Nagle would hold the body back
        // until the server's delayed ACK on a reused connection (libcurl's default, made explicit).
        options.set(CURLOPT_TCP_NODELAY, 1)
        options.set(CURLOPT_ERRORBUFFER, pointer: errorBuffer)
        applyTimeouts(request.timeouts, &options)
        if let limit = request.maxResponseBytes, case .memory = request.responseDestination {
            // Refuses a body whose Content-Length is already too long before reading any of it;
            // the write callback catches one that does not say (chunked) or says less.
            options.set(CURLOPT_MAXFILESIZE_LARGE, Int64(max(limit, 0)))
        }
        applyVersion(request.version, &options)
        applyMethodAndBody(request, &options)
        headerList = Self.headerList(for: request)
        options.set(CURLOPT_HTTPHEADER, pointer: headerList)
        installCallbacks(&options)
        if let failure = options.failure {
            let reason = String(cString: curl_easy_strerror(failure.code))
            throw HTTPError(
                kind: .other, method: method, host: host,
                detail: "libcurl refused option \(failure.option.rawValue): \(reason)",
                curlCode: Int(failure.code.rawValue))
        }
    }

    private func applyTimeouts(_ timeouts: HTTPTimeouts, _ options: inout CurlOptions) {
        options.set(CURLOPT_CONNECTTIMEOUT_MS, timeouts.connect.roundedUpMilliseconds)
        options.set(CURLOPT_TIMEOUT_MS, timeouts.total?.roundedUpMilliseconds ?? 0)
        if let lowSpeed = timeouts.lowSpeed {
            options.set(CURLOPT_LOW_SPEED_LIMIT, max(lowSpeed.bytesPerSecond, 1))
            options.set(CURLOPT_LOW_SPEED_TIME, lowSpeed.duration.roundedUpSeconds)
        }
    }

    private func applyVersion(_ version: HTTPVersion, _ options: inout CurlOptions) {
        switch version {
        case .http1_1:
            options.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        case .http2:
            options.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS))
            // Wait for a multiplexed stream on an existing connection rather than open another.
            options.set(CURLOPT_PIPEWAIT, 1)
        }
    }

    /// Bodies always go through the read callback in "upload" mode with the method as a custom
    /// request: libcurl's POST mode would add `Content-Type: application/x-www-form-urlencoded`.
    private func applyMethodAndBody(_ request: HTTPRequest, _ options: inout CurlOptions) {
        let method = request.method
        if method == .head {
            options.set(CURLOPT_NOBODY, 1)
            return
        }
        let sendsBody = source.length > 0 || [.post, .put, .patch].contains(method)
        // Upload mode alone would send PUT, so a GET with a body names its method too.
        if method != .get || sendsBody { options.set(CURLOPT_CUSTOMREQUEST, method.rawValue) }
        guard sendsBody else { return }
        options.set(CURLOPT_UPLOAD, 1)
        options.set(CURLOPT_INFILESIZE_LARGE, source.length)
        if case .file = request.body { options.set(CURLOPT_UPLOAD_BUFFERSIZE, 256 * 1024) }
    }

    /// The caller's headers, in order, then blanks that stop libcurl adding its own `Expect`,
    /// `Accept` and `Content-Type`. `Content-Length` always comes from the body.
    private static func headerList(for request: HTTPRequest) -> UnsafeMutablePointer<curl_slist>? {
        var list: UnsafeMutablePointer<curl_slist>?
        for header in request.headers where !header.name.caseInsensitiveEquals("Content-Length") {
            // "Name:" would delete the header; "Name;" is libcurl's spelling of an empty value.
            let line = header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
            list = curl_slist_append(list, line)
        }
        for name in ["Expect", "Accept", "Content-Type"] where !request.headers.contains(name) {
            list = curl_slist_append(list, "\(name):")
        }
        return list
    }

    private static func validate(_ request: HTTPRequest, method: String, host: String) throws(HTTPError) {
        func invalid(_ detail: String) -> HTTPError {
            HTTPError(kind: .invalidRequest, method: method, host: host, detail: detail)
        }
        guard HTTPURLParts(request.url) != nil else { throw invalid("the URL is not an absolute http(s) URL") }
        guard request.url.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw invalid("the URL must be percent-encoded printable ASCII without spaces")
        }
        guard !method.isEmpty, method.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw invalid("the method is not a token")
        }
        for header in request.headers {
            let nameIsToken =
                !header.name.isEmpty
                && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            guard nameIsToken else { throw invalid("a header name is empty or not a token") }
            guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw invalid("header \(header.name) holds a line break")
            }
        }
        if request.method == .head, request.body != .empty { throw invalid("a HEAD request cannot have a body") }
    }

    // MARK: - Completion (loop thread)

    /// Reads the outcome off the easy handle, frees it, and resumes the caller.
    func complete(code: CURLcode) {
        guard let easy = handle else { return }
        let info = CurlInfo(handle: easy)
        let result: Result<HTTPResponse, HTTPError>
        if code == CURLE_OK, sink.failure == nil {
            result = sink.finish(
                status: info.long(CURLINFO_RESPONSE_CODE),
                version: info.long(CURLINFO_HTTP_VERSION) >= Int(CURL_HTTP_VERSION_2_0) ? .http2 : .http1_1,
                timing: Self.timing(info)
            ).mapError { HTTPError(kind: .responseUnwritable, method: method, host: host, detail: $0.reason) }
        } else {
            result = .failure(error(for: code, osErrno: info.long(CURLINFO_OS_ERRNO)))
        }
        resume(result)
    }

    /// Fails the transfer without a libcurl outcome (cancellation, shutdown).
    func complete(_ error: HTTPError.Kind, detail: String = "") {
        resume(.failure(HTTPError(kind: error, method: method, host: host, detail: detail)))
    }

    private func resume(_ result: Result<HTTPResponse, HTTPError>) {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
        source.close()
        sink.close()
        continuation?.resume(returning: result)
        continuation = nil
    }

    private func error(for code: CURLcode, osErrno: Int) -> HTTPError {
        // Our own callbacks know better than libcurl why they stopped a transfer.
        if let reason = source.failure {
            return HTTPError(kind: .bodyUnreadable, method: method, host: host, detail: reason)
        }
        if let reason = sink.failure {
            return HTTPError(kind: .responseUnwritable, method: method, host: host, detail: reason)
        }
        if sink.tooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return HTTPError(
                kind: .responseTooLarge, method: method, host: host, detail: sink.limitReason,
                curlCode: Int(code.rawValue))
        }
        var detail = String(cString: errorBuffer)
        if detail.isEmpty { detail = String(cString: curl_easy_strerror(code)) }
        if query.count > 1 { detail = detail.replacingOccurrences(of: query, with: "?…") }
        return HTTPError(
            kind: HTTPError.Kind(curlCode: code, osErrno: osErrno), method: method, host: host,
            detail: detail, curlCode: Int(code.rawValue))
    }

    private static func timing(_ info: CurlInfo) -> HTTPTiming {
        HTTPTiming(
            nameLookup: info.duration(CURLINFO_NAMELOOKUP_TIME_T),
            connect: info.duration(CURLINFO_CONNECT_TIME_T),
            tlsHandshake: info.duration(CURLINFO_APPCONNECT_TIME_T),
            firstByte: info.duration(CURLINFO_STARTTRANSFER_TIME_T),
            total: info.duration(CURLINFO_TOTAL_TIME_T),
            reusedConnection: info.long(CURLINFO_NUM_CONNECTS) == 0,
            bytesSent: info.offset(CURLINFO_SIZE_UPLOAD_T),
            bytesReceived: info.offset(CURLINFO_SIZE_DOWNLOAD_T))
    }
}
