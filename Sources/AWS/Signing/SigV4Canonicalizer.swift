import Crypto
import Foundation
import SafeText

/// The canonical forms SigV4 hashes. Pure functions, each matching botocore's reading of the spec.
enum SigV4Canonicalizer {
    /// Headers that proxies or the HTTP stack may change or drop, so they are never signed
    /// (botocore's list, plus `authorization` itself).
    static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// The canonical URI: for generic services the path without dot or empty segments, encoded
    /// again; for S3 the wire path as it is.
    static func uri(_ path: String, rules: SigV4Rules) -> String {
        guard rules.normalizesPath else { return path.isEmpty ? "/" : path }
        return AWSPercentEncoding.encode(removingDotSegments(path), keepingSlashes: true)
    }

    /// RFC 3986 section 5.2.4, plus the removal of empty segments AWS asks for.
    static func removingDotSegments(_ path: String) -> String {
        guard !path.isEmpty else { return "/" }
        var output: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) where segment != "." {
            if segment == ".." {
                if !output.isEmpty { output.removeLast() }
            } else {
                output.append(segment)
            }
        }
        let leading = path.hasPrefix("/") ? "/" : ""
        let trailing = path.hasSuffix("/") && !output.isEmpty ? "/" : ""
        return leading + output.joined(separator: "/") + trailing
    }

    /// `name=value` pairs, encoded, sorted by encoded name then encoded value, joined by `&`.
    static func query(_ items: [AWSQueryItem]) -> String {
        items.map { (AWSPercentEncoding.encode($0.name), AWSPercentEncoding.encode($0.value ?? "")) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// The signed headers: lower-case names, sorted, each with its values trimmed, inner runs of
    /// whitespace collapsed to one space, and repeated headers joined with `,` in request order.
    static func headers(_ headers: HTTPHeaders) -> [(name: String, value: String)] {
        var values: [String: [String]] = [:]
        for header in headers {
            let name = header.name.trimmingCharacters(in: .whitespaces).lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            values[name, default: []].append(collapsingWhitespace(header.value))
        }
        return values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { ($0, values[$0]!.joined(separator: ",")) }
    }

    static func collapsingWhitespace(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" })
            .joined(separator: " ")
    }

    /// The canonical request: method, URI, query, headers, signed header names, payload hash.
    static func request(_ request: SigV4Request, rules: SigV4Rules) -> (canonical: String, signedHeaders: String) {
        let headers = headers(request.headers)
        let signedHeaders = headers.map(\.name).joined(separator: ";")
        let canonical = [
            request.method.uppercased(),
            uri(request.path, rules: rules),
            query(request.query),
            headers.map { "\($0.name):\($0.value)\n" }.joined(),
            signedHeaders,
            request.payloadHash,
        ].joined(separator: "\n")
        return (canonical, signedHeaders)
    }

    /// Hex SHA-256 of UTF-8 text.
    static func sha256(_ text: String) -> String { HexText.lowercase(SHA256.hash(data: Data(text.utf8))) }
}
