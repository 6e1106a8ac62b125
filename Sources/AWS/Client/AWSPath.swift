/// A request path, held as it goes on the wire (percent-encoded, starting with `/`).
///
/// Build it from unencoded parts and let it encode them (RFC 3986: all but `A-Z a-z 0-9 - . _ ~`):
/// `.segments("model", modelId, "converse")` → `/model/anthropic.claude-3-sonnet-20240229-v1%3A0/converse`,
/// `.key("a b/c:d.html")` → `/a%20b/c%3Ad.html`.
public struct AWSPath: Sendable, Hashable, CustomStringConvertible {
    /// The path as sent.
    public let encoded: String

    private init(encoded: String) { self.encoded = encoded }

    /// `/`.
    public static let root = AWSPath(encoded: "/")

    /// Segments joined by `/`, each encoded whole: a `/` inside a segment becomes `%2F`.
    public static func segments(_ segments: [String]) -> AWSPath {
        AWSPath(encoded: "/" + segments.map { AWSPercentEncoding.encode($0) }.joined(separator: "/"))
    }

    /// Segments joined by `/`, each encoded whole.
    public static func segments(_ segments: String...) -> AWSPath { .segments(segments) }

    /// An S3 object key: encoded with its `/` kept, so `trips/kyoto/index.html` keeps its folders.
    /// The key is taken as it is: a leading `/`, `//` or `..` are part of the key, not normalised.
    public static func key(_ key: String) -> AWSPath {
        AWSPath(encoded: "/" + AWSPercentEncoding.encode(key, keepingSlashes: true))
    }

    /// A path already encoded by the caller, used exactly as given (a `/` is prefixed if missing).
    public static func raw(_ encoded: String) -> AWSPath {
        AWSPath(encoded: encoded.hasPrefix("/") ? encoded : "/" + encoded)
    }

    public var description: String { encoded }
}
