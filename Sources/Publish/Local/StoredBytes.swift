import Foundation
import Gzip
import TabiCore

/// The bytes a file is stored as, and their MD5 (the ETag S3 gives an object put in one part):
/// gzip-compressed when its header rule asks for it and that is smaller, else as they are. The
/// same input always gives the same bytes, so an unchanged file keeps its ETag. Publish and
/// nightly's site sync both store files this way.
public struct StoredBytes: Sendable {
    public var data: Data
    /// `gzip`, or nil when stored as they are.
    public var contentEncoding: String?
    public var md5: String

    /// Files larger than this are compressed at deflate's level 6, the rest at 9. On a large file
    /// level 9 costs about four times as much for a tenth fewer bytes: the sitemap of 10,000 trips
    /// (1.2 MB, written again by any night that changes a trip) took 26 ms at level 9 and 6 ms at
    /// level 6, for 45 KB against 51 KB.
    public static let largeFileBytes = 256 << 10

    /// Stores `data`, compressing it when `gzip` and the result is smaller.
    public static func make(_ data: Data, gzip: Bool) throws(GzipError) -> StoredBytes {
        if gzip, !data.isEmpty {
            let compressed = try Gzip.compress(data, level: data.count > largeFileBytes ? 6 : 9)
            if compressed.count < data.count { return StoredBytes(data: compressed, contentEncoding: "gzip") }
        }
        return plain(data)
    }

    /// Stores `data` as it is.
    public static func plain(_ data: Data) -> StoredBytes {
        StoredBytes(data: data, contentEncoding: nil)
    }

    private init(data: Data, contentEncoding: String?) {
        self.data = data
        self.contentEncoding = contentEncoding
        md5 = ContentHash.md5(data)
    }
}
