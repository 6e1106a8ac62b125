/// A place in S3 written as `s3://bucket[/prefix]`: a bucket and a key prefix (`""` or ending
/// with `/`).
public struct S3Location: Sendable, Hashable, CustomStringConvertible {
    public var bucket: String
    /// `""` or a key prefix ending with `/`, without a leading `/`.
    public var prefix: String

    public init(bucket: String, prefix: String = "") {
        self.bucket = bucket
        self.prefix = Self.normalizedPrefix(prefix)
    }

    /// A key prefix as every part of tabi-press keeps one: `""`, or no leading `/` and exactly one
    /// trailing `/` (`/blog//` → `blog/`). The one normaliser of S3 prefixes.
    public static func normalizedPrefix(_ prefix: String) -> String {
        var trimmed = Substring(prefix)
        while trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed.isEmpty ? "" : trimmed + "/"
    }

    /// Reads `s3://bucket[/prefix]`; `nil` for anything else.
    public init?(url: String) {
        guard url.hasPrefix("s3://") else { return nil }
        let rest = url.dropFirst("s3://".count)
        let bucket = rest.prefix { $0 != "/" }
        guard !bucket.isEmpty else { return nil }
        self.init(bucket: String(bucket), prefix: String(rest.dropFirst(bucket.count)))
    }

    /// Whether `key` of `bucket` lies under this location.
    public func contains(bucket: String, key: String) -> Bool {
        bucket == self.bucket && key.hasPrefix(prefix)
    }

    /// `s3://bucket/prefix`.
    public var description: String { "s3://\(bucket)/\(prefix)" }
}
