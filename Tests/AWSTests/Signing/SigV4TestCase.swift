import AWS
import Foundation
import TestSupport

/// One case folder of the AWS SigV4 test suite (Tests/Fixtures/sigv4-testsuite), parsed.
struct SigV4TestCase: Sendable, CustomStringConvertible {
    static let folder = RepositoryPaths.fixtures.appendingPathComponent("sigv4-testsuite")
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    /// 2015-08-30T12:36:00Z, the suite's time.
    static let date = Date(timeIntervalSince1970: 1_440_938_160)

    /// The case's path below the suite folder, such as `normalize-path/get-slash`.
    var name: String
    var request: SigV4Request
    var sessionToken: String?
    var canonicalRequest: String
    var stringToSign: String
    var authorization: String

    var description: String { name }

    /// Every folder holding a `<folder>.req`, sorted.
    static func all() throws -> [SigV4TestCase] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var cases: [SigV4TestCase] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "req" { cases.append(try SigV4TestCase(requestFile: url)) }
        }
        return cases.sorted { $0.name < $1.name }
    }

    init(requestFile: URL) throws {
        let base = requestFile.deletingPathExtension()
        name = String(requestFile.deletingLastPathComponent().path.dropFirst(Self.folder.path.count + 1))
        func read(_ ext: String) throws -> String { try String(contentsOf: base.appendingPathExtension(ext), encoding: .utf8) }
        request = Self.parse(try read("req"))
        // As botocore's own test does: the canonical request names the session token, if any.
        canonicalRequest = try read("creq")
        stringToSign = try read("sts")
        authorization = try read("authz")
        sessionToken = canonicalRequest.split(separator: "\n")
            .first { $0.hasPrefix("x-amz-security-token:") }
            .map { String($0.dropFirst("x-amz-security-token:".count)) }
    }

    var signingCredentials: AWSCredentials {
        var credentials = Self.credentials
        credentials.sessionToken = sessionToken
        return credentials
    }

    /// An HTTP/1.1 request in the suite's loose format: the request target may hold spaces and
    /// raw UTF-8, header lines starting with whitespace continue the previous value.
    static func parse(_ text: String) -> SigV4Request {
        let (head, body) =
            text.range(of: "\n\n").map { (text[..<$0.lowerBound], String(text[$0.upperBound...])) }
            ?? (text[...], "")
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        let requestLine = lines.removeFirst().split(separator: " ", omittingEmptySubsequences: false)
        let method = String(requestLine.first!)
        let target = requestLine.dropFirst().dropLast().joined(separator: " ")
        var headers: [(String, String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let (path, query) =
            target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) }
            ?? (target, "")
        // botocore's harness reads the query with parse_qsl, which decodes `+` as a space.
        let items = query.split(separator: "&").map { pair -> AWSQueryItem in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return AWSQueryItem(
                AWSPercentEncoding.decode(parts[0], plusIsSpace: true),
                AWSPercentEncoding.decode(parts.count > 1 ? parts[1] : "", plusIsSpace: true))
        }
        let host = headers.first { $0.0.lowercased() == "host" }?.1 ?? ""
        return SigV4Request(
            method: method, host: host, path: path, query: items, headers: HTTPHeaders(headers),
            payloadHash: sha256Hex(Data(body.utf8)))
    }
}
