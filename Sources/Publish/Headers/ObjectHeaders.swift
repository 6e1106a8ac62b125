import AWS
import TabiCore

/// The headers an object is stored with, and the short hash that stands for them in object
/// metadata (`x-amz-meta-tabi-headers`) and in the header state.
public struct ObjectHeaders: Sendable, Hashable {
    public var contentType: String
    public var cacheControl: String
    /// `gzip`, or `nil` for bytes stored as they are.
    public var contentEncoding: String?

    public init(contentType: String, cacheControl: String, contentEncoding: String?) {
        self.contentType = contentType
        self.cacheControl = cacheControl
        self.contentEncoding = contentEncoding
    }

    /// The headers S3 reports for an object (a HEAD), missing ones as empty.
    public init(head: S3ObjectHead) {
        self.init(
            contentType: head.contentType ?? "", cacheControl: head.cacheControl ?? "",
            contentEncoding: head.contentEncoding.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// 16 hex digits of the SHA-256 of the three values.
    public var hash: String {
        String(ContentHash.sha256("\(contentType)\n\(cacheControl)\n\(contentEncoding ?? "")").prefix(16))
    }

    /// The attributes of an upload: these headers, plus our own MD5 of the stored bytes (a
    /// multipart ETag is not one) and the headers' hash as metadata.
    public func attributes(md5: String) -> S3ObjectAttributes {
        S3ObjectAttributes(
            contentType: contentType, cacheControl: cacheControl, contentEncoding: contentEncoding,
            metadata: [ObjectMetadata.md5: md5, ObjectMetadata.headers: hash])
    }
}

/// The `x-amz-meta-*` names publish writes.
enum ObjectMetadata {
    /// The hex MD5 of the stored bytes.
    static let md5 = "tabi-md5"
    /// ``ObjectHeaders/hash``.
    static let headers = "tabi-headers"
}
