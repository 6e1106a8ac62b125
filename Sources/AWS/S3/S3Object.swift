import Foundation

/// One object of a bucket listing.
public struct S3Object: Sendable, Hashable {
    /// The full key.
    public var key: String
    /// The ETag without its quotes, lower-case: the MD5 of a single-part upload, or
    /// `<md5 of the parts' MD5s>-<parts>` for a multipart one.
    public var etag: String
    /// The size in bytes.
    public var size: Int64
    /// When it was written, as S3 sends it (`2024-11-02T09:30:00.000Z`: sorts as time does).
    public var lastModified: String

    public init(key: String, etag: String, size: Int64, lastModified: String = "") {
        self.key = key
        self.etag = S3Object.normalizedETag(etag)
        self.size = size
        self.lastModified = lastModified
    }

    /// Whether the ETag is a multipart one (`…-N`), which is not the MD5 of the bytes.
    public var isMultipart: Bool { etag.contains("-") }

    /// `"ABC"` → `abc`: S3 quotes ETags (and XML may carry them as `&quot;`).
    public static func normalizedETag(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased()
    }
}

/// When a conditional PutObject may write.
public enum S3WriteCondition: Sendable, Hashable {
    /// Only if no object has the key (`If-None-Match: *`).
    case absent
    /// Only if the object still has this ETag (`If-Match`).
    case matches(String)
}

/// What a GET limited to a number of bytes found (``S3Client/getObject(key:maxBytes:)``).
public enum S3BoundedRead: Sendable, Equatable {
    /// The whole object, within the limit.
    case complete(Data)
    /// The object is larger than the limit; only its first bytes were received.
    case tooLarge(size: Int64)
}

/// What a HEAD (or GET) says about an object besides its bytes.
public struct S3ObjectHead: Sendable, Hashable {
    public var etag: String
    public var size: Int64
    public var contentType: String?
    public var cacheControl: String?
    public var contentEncoding: String?
    /// `x-amz-meta-*` values by their name without the prefix, lower-case.
    public var metadata: [String: String]

    public init(
        etag: String, size: Int64, contentType: String? = nil, cacheControl: String? = nil,
        contentEncoding: String? = nil, metadata: [String: String] = [:]
    ) {
        self.etag = S3Object.normalizedETag(etag)
        self.size = size
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentEncoding = contentEncoding
        self.metadata = metadata
    }

    /// Reads the response headers of a HEAD or GET.
    public init(headers: HTTPHeaders) {
        var metadata: [String: String] = [:]
        for header in headers where header.name.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(header.name.lowercased().dropFirst("x-amz-meta-".count))] = header.value
        }
        self.init(
            etag: headers["ETag"] ?? "", size: Int64(headers["Content-Length"] ?? "") ?? 0,
            contentType: headers["Content-Type"], cacheControl: headers["Cache-Control"],
            contentEncoding: headers["Content-Encoding"], metadata: metadata)
    }
}

/// The headers an upload stores with an object.
public struct S3ObjectAttributes: Sendable, Hashable {
    public var contentType: String?
    public var cacheControl: String?
    public var contentEncoding: String?
    /// Sent as `x-amz-meta-<name>`; names lower-case ASCII.
    public var metadata: [String: String]

    public init(
        contentType: String? = nil, cacheControl: String? = nil, contentEncoding: String? = nil,
        metadata: [String: String] = [:]
    ) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentEncoding = contentEncoding
        self.metadata = metadata
    }

    /// The header lines, in a fixed order (metadata sorted by name).
    var headers: HTTPHeaders {
        var headers = HTTPHeaders()
        if let contentType { headers.add("Content-Type", contentType) }
        if let cacheControl { headers.add("Cache-Control", cacheControl) }
        if let contentEncoding { headers.add("Content-Encoding", contentEncoding) }
        for (name, value) in metadata.sorted(by: { $0.key < $1.key }) { headers.add("x-amz-meta-\(name)", value) }
        return headers
    }
}
