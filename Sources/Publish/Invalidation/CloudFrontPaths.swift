/// How object keys map to CloudFront paths: `/` + the key without the part of it the
/// distribution's origin path stands for. With the origin at the bucket root (no origin path,
/// the usual setup) `trips/kyoto/index.html` is `/trips/kyoto/index.html`; with
/// `--origin-path /site` the key `site/trips/kyoto/index.html` is too.
public struct CloudFrontPaths: Sendable, Hashable {
    /// The key prefix the origin path stands for: `""` or `site/`.
    public let originPrefix: String

    /// `originPath` as CloudFront shows it (`/site`, or empty).
    public init(originPath: String) {
        let trimmed = originPath.split(separator: "/").joined(separator: "/")
        originPrefix = trimmed.isEmpty ? "" : trimmed + "/"
    }

    /// The site's root folder on the distribution: `/`, or `/blog/` for a site under `blog/`
    /// served from the bucket root.
    public func root(of keys: PublishKeys) -> String {
        paths(forKey: keys.key("index.html")).first ?? "/"
    }

    /// The paths a cache may hold `key` under: the file, and for an `index.html` its folder
    /// too (`/trips/kyoto/`), which is how pages are linked. Empty for a key outside the origin.
    public func paths(forKey key: String) -> [String] {
        guard key.hasPrefix(originPrefix) else { return [] }
        let relative = String(key.dropFirst(originPrefix.count))
        let path = "/" + Self.encode(relative)
        if relative == "index.html" { return ["/", path] }
        if relative.hasSuffix("/index.html") { return [String(path.dropLast("index.html".count)), path] }
        return [path]
    }

    /// CloudFront wants paths as the viewer asks for them: only non-ASCII bytes, controls and the
    /// characters RFC 1738 calls unsafe are percent-encoded (encoding others would miss the
    /// cached copy). `*` is encoded too, as it would otherwise be read as a wildcard.
    static func encode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if byte <= 0x20 || byte >= 0x7F || unsafe.contains(byte) {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }

    private static let unsafe: Set<UInt8> = Set("\"<>#%{}|\\^~[]`*".utf8)
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
