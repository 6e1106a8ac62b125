import Foundation

/// Collects what the header and write callbacks deliver into an ``HTTPResponse``.
struct CurlResponseSink {
    /// Why the response could not be stored.
    struct Failure: Error {
        var reason: String
    }

    private let destination: HTTPResponseDestination
    private let maxBytes: Int?
    private var status = 0
    private var headers = HTTPHeaders()
    private var body = Data()
    private var descriptor: Int32 = -1
    /// Set when writing the destination file failed.
    private(set) var failure: String?
    /// Set when an in-memory body went past `maxBytes`.
    private(set) var tooLarge = false

    init(destination: HTTPResponseDestination, maxBytes: Int? = nil) {
        self.destination = destination
        self.maxBytes = maxBytes
    }

    /// Takes one raw header line. A status line starts a new header block, so the headers of
    /// interim responses (`100 Continue`) are dropped.
    mutating func headerLine(_ raw: UnsafeRawBufferPointer) {
        let line = String(decoding: raw, as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers = HTTPHeaders()
            status = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            return
        }
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        if line.first == " " || line.first == "\t" {
            // An obsolete folded continuation line belongs to the previous header's value.
            headers.extendLastValue(with: " " + trimmed)
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(trimmed[trimmed.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        headers.add(name, value)
    }

    /// Takes a chunk of body; `false` stops the transfer (the file could not be written).
    mutating func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard let path = filePath else {
            if let maxBytes, body.count + chunk.count > maxBytes {
                tooLarge = true
                return false
            }
            body.append(contentsOf: chunk)
            return true
        }
        guard openFile(path) else { return false }
        var offset = 0
        while offset < chunk.count {
            let wrote = Foundation.write(descriptor, chunk.baseAddress! + offset, chunk.count - offset)
            if wrote < 0 {
                if errno == EINTR { continue }
                failure = "cannot write \(path): \(String(cString: strerror(errno)))"
                return false
            }
            offset += wrote
        }
        return true
    }

    /// Why a body was refused for its length, for the error.
    var limitReason: String { "the body is longer than the limit of \(maxBytes ?? 0) bytes" }

    /// The response, once libcurl reports the transfer done.
    mutating func finish(status final: Int, version: HTTPVersion, timing: HTTPTiming) -> Result<HTTPResponse, Failure> {
        let path = filePath
        if let path {
            // An empty 2xx body still creates the file the caller asked for.
            guard openFile(path) else { return .failure(Failure(reason: failure ?? "cannot write \(path)")) }
            let closed = Foundation.close(descriptor)
            descriptor = -1
            if closed != 0 { return .failure(Failure(reason: "cannot write \(path): \(String(cString: strerror(errno)))")) }
        }
        return .success(
            HTTPResponse(
                status: final != 0 ? final : status, headers: headers, body: body,
                bodyDestination: path.map { .file(path: $0) } ?? .memory, version: version, timing: timing))
    }

    /// Closes the file if a failure left it open.
    mutating func close() {
        if descriptor >= 0 { Foundation.close(descriptor) }
        descriptor = -1
    }

    /// The file a 2xx body goes to; any other status keeps its body in memory for error parsing.
    private var filePath: String? {
        guard case .file(let path) = destination, (200..<300).contains(status) else { return nil }
        return path
    }

    private mutating func openFile(_ path: String) -> Bool {
        guard descriptor < 0 else { return true }
        descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            failure = "cannot create \(path): \(String(cString: strerror(errno)))"
            return false
        }
        return true
    }
}
