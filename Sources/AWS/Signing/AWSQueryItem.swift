/// One query parameter, decoded. The client encodes it (RFC 3986) for the wire and the signature.
public struct AWSQueryItem: Sendable, Hashable {
    /// The parameter name, unencoded.
    public var name: String
    /// `nil` for a bare name such as S3's `?uploads`, signed as `uploads=`.
    public var value: String?

    public init(_ name: String, _ value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// The items of a raw query string (`a=1&b&c=%2F`), decoded; `+` stays a plus sign, as AWS
    /// reads it.
    public static func parse(_ query: some StringProtocol) -> [AWSQueryItem] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return AWSQueryItem(AWSPercentEncoding.decode(pair)) }
            return AWSQueryItem(
                AWSPercentEncoding.decode(pair[..<equals]),
                AWSPercentEncoding.decode(pair[pair.index(after: equals)...]))
        }
    }

    /// The query string for the wire, items in the order given.
    public static func encode(_ items: [AWSQueryItem]) -> String {
        items.map { item in
            let name = AWSPercentEncoding.encode(item.name)
            return item.value.map { name + "=" + AWSPercentEncoding.encode($0) } ?? name
        }.joined(separator: "&")
    }
}
