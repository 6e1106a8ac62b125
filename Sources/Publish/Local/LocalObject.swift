import Foundation

/// A file of the output folder as it is to be stored: its key, headers, the bytes S3 will
/// hold (the file, or its gzip) and their digests.
public struct LocalObject: Sendable, Hashable {
    /// The site-relative path.
    public var path: String
    /// The key in the bucket (prefix + path).
    public var key: String
    /// The file of the output folder it is read from.
    public var source: LocalFile
    /// What the rules chose for the path.
    public var choice: HeaderChoice
    /// The headers it is stored with (`Content-Encoding` set when gzipped).
    public var headers: ObjectHeaders
    /// What is uploaded.
    public var body: Body
    /// The size of the stored bytes.
    public var size: Int64
    /// The hex MD5 of the stored bytes.
    public var md5: String
    /// The ETag S3 will give it: ``md5`` for a single upload, the multipart form otherwise.
    public var etag: String
    /// The parts of a multipart upload; empty for a single PutObject.
    public var parts: [Part]

    /// The stored bytes.
    public enum Body: Sendable, Hashable {
        /// The file as it is, streamed from disk.
        case file
        /// The file's gzip; `nil` when it was not kept in memory and is compressed again for
        /// the upload (the same bytes: compression is deterministic).
        case gzip(Data?)
    }

    /// One part of a multipart upload: a region of the file.
    public struct Part: Sendable, Hashable {
        /// From 1.
        public var number: Int
        public var offset: Int64
        public var length: Int64
        /// The hex MD5 of the region.
        public var md5: String
    }

    /// Whether it goes up as a multipart upload.
    public var isMultipart: Bool { !parts.isEmpty }

    /// The file's path on disk, for messages.
    public var file: String { source.file }
}
