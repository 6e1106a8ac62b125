import Crypto
import Foundation
import SafeText

/// Turning an ``AWSRequest`` into the exact HTTP request of one attempt.
extension AWSClient {
    /// Where a request goes: the `Host` header value, the wire path and the full URL.
    public struct Location: Sendable, Hashable {
        /// The `Host` header: the host, with the port when it is not the default.
        public var host: String
        /// The path as sent, percent-encoded.
        public var path: String
        /// The full URL, query included.
        public var url: String
    }

    /// The host, path and URL of `request` on this client's endpoint, with the bucket placed
    /// per the addressing style (path style for names that cannot be a TLS host label).
    public func location(of request: AWSRequest) -> Location {
        let endpoint = settings.endpoint
        var host = endpoint.host
        var path = endpoint.basePath + request.path.encoded
        if let bucket = request.bucket, service.isS3 {
            if settings.s3Addressing == .virtualHosted, Self.isVirtualHostable(bucket, scheme: endpoint.scheme) {
                host = "\(bucket).\(endpoint.host)"
            } else {
                let key = request.path == .root ? "" : request.path.encoded
                path = endpoint.basePath + "/" + AWSPercentEncoding.encode(bucket) + key
            }
        }
        let authority = endpoint.authority(host: host)
        let query = AWSQueryItem.encode(request.query)
        return Location(
            host: authority, path: path,
            url: "\(endpoint.scheme)://\(authority)\(path)" + (query.isEmpty ? "" : "?" + query))
    }

    /// The signed HTTP request of one attempt at `date`: what ``send(_:)`` puts on the wire.
    public func httpRequest(for request: AWSRequest, payloadHash: String, credentials: AWSCredentials, date: Date) -> HTTPRequest {
        let location = location(of: request)
        var signable = SigV4Request(
            method: request.method.rawValue, host: location.host, path: location.path,
            query: request.query, headers: request.headers, payloadHash: payloadHash)
        signable.headers.set("Host", location.host)
        signer.sign(&signable, credentials: credentials, date: date)
        signable.headers.set("User-Agent", settings.userAgent)
        return HTTPRequest(
            method: request.method, url: location.url, headers: signable.headers, body: request.body,
            timeouts: request.timeouts ?? settings.timeouts, version: settings.httpVersion,
            responseDestination: request.responseDestination, maxResponseBytes: request.maxResponseBytes)
    }

    /// The hex SHA-256 the signature covers, or `UNSIGNED-PAYLOAD`. Reads a file body once.
    public func payloadHash(for request: AWSRequest) throws(AWSError) -> String {
        switch request.payload {
        case .unsigned:
            return SigV4Signer.unsignedPayload
        case .precomputed(let hash):
            return hash.lowercased()
        case .signed:
            switch request.body {
            case .empty: return SigV4Signer.emptyPayloadHash
            case .data(let data): return HexText.lowercase(SHA256.hash(data: data))
            case .file(let region): return try fileHash(region, request)
            }
        }
    }

    /// The SHA-256 of a file region, read with positional reads: parts of one open file are
    /// hashed in parallel through the same descriptor.
    private func fileHash(_ region: HTTPFileRegion, _ request: AWSRequest) throws(AWSError) -> String {
        func failure(_ detail: String) -> AWSError {
            AWSError(
                kind: .transport(
                    HTTPError(
                        kind: .bodyUnreadable, method: request.method.rawValue,
                        host: settings.endpoint.authority, detail: detail)),
                service: service.name, operation: request.operation, resource: request.resource, attempts: 0)
        }
        let file: HTTPOpenFile
        if let opened = region.opened {
            file = opened
        } else {
            let descriptor = open(region.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure("cannot open \(region.path): \(String(cString: strerror(errno)))") }
            file = HTTPOpenFile(adopting: descriptor, path: region.path)
        }
        var hasher = SHA256()
        var offset = max(region.offset, 0)
        var remaining = region.length ?? Int64.max
        while remaining > 0 {
            let chunk: Data
            do { chunk = try file.read(offset: offset, count: Int(min(remaining, 1 << 20))) } catch { throw failure(error.description) }
            if chunk.isEmpty { break }
            hasher.update(data: chunk)
            offset += Int64(chunk.count)
            remaining -= Int64(chunk.count)
        }
        if let length = region.length, remaining > 0 {
            throw failure("\(region.path) is shorter than offset \(region.offset) + length \(length)")
        }
        return HexText.lowercase(hasher.finalize())
    }

    /// Whether `bucket` can be the first label of a TLS host name: lower-case letters, digits
    /// and hyphens, 3 to 63 long; dots only over plain HTTP (a dotted name breaks the wildcard
    /// certificate).
    static func isVirtualHostable(_ bucket: String, scheme: String) -> Bool {
        let bytes = Array(bucket.utf8)
        guard (3...63).contains(bytes.count), !bucket.contains(".."), let first = bytes.first, let last = bytes.last else { return false }
        func isLetterOrDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard isLetterOrDigit(first), isLetterOrDigit(last) else { return false }
        let dots = bytes.contains(UInt8(ascii: "."))
        if dots && scheme == "https" { return false }
        return bytes.allSatisfy { isLetterOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}
