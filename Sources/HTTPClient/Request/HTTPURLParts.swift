/// The parts of an absolute `http` or `https` URL, split without decoding or normalising
/// anything (the path keeps its exact bytes).
public struct HTTPURLParts: Sendable, Hashable {
    /// `http` or `https`, lower-cased.
    public var scheme: String
    /// The host, lower-cased, without the port (an IPv6 literal keeps its brackets).
    public var host: String
    /// The port, when the URL names one.
    public var port: Int?
    /// Everything from the first `/` up to `?` or `#`; may be empty.
    public var path: String
    /// The text after `?` (up to `#`), when there is a `?`.
    public var query: String?

    /// `nil` unless `url` is `http(s)://host[:port][path][?query][#fragment]` with a non-empty
    /// host, a valid port and no user info.
    public init?(_ url: String) {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = url[schemeEnd.upperBound...]
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        path = String(rest[slash...])
        let authority = rest[..<slash]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        // The last colon starts a port unless it is inside an IPv6 literal's brackets.
        if let colon = authority.lastIndex(of: ":"), !authority[colon...].contains("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else { return nil }
            host = authority[..<colon].lowercased()
            port = number
        } else {
            host = authority.lowercased()
        }
        guard !host.isEmpty else { return nil }
    }

    /// `host[:port]`, the port only when the URL names one.
    public var authority: String { port.map { "\(host):\($0)" } ?? host }
}
