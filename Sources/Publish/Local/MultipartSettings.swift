import AWS

/// When a file goes up in parts, and how big the parts are. Both are fixed for a bucket's life
/// if possible: the multipart ETag depends on the part size, and publish computes it locally
/// so that a listing alone proves a large file unchanged (with another part size, a HEAD of
/// its `tabi-md5` metadata proves it instead).
public struct MultipartSettings: Sendable, Hashable {
    /// Files larger than this (in bytes) are uploaded in parts.
    public var threshold: Int64
    /// The size of every part but the last.
    public var partSize: Int64

    /// 16 MiB and 8 MiB parts.
    public static let defaults = MultipartSettings(threshold: 16 << 20, partSize: 8 << 20)

    public init(threshold: Int64, partSize: Int64) {
        self.threshold = threshold
        self.partSize = partSize
    }

    /// The part size for a file of `size` bytes: ``partSize``, doubled until the file needs no
    /// more than S3's 10,000 parts.
    public func partSize(for size: Int64) -> Int64 {
        var part = max(partSize, 1)
        while (size + part - 1) / part > Int64(S3Client.maximumParts) { part *= 2 }
        return part
    }
}
