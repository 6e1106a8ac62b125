import Crypto
import Foundation

/// DeleteObjects: up to 1,000 keys in one request.
extension S3Client {
    /// The most keys one DeleteObjects request takes.
    public static let maxKeysPerDelete = 1000

    /// A key S3 did not delete, with its error code and message.
    public struct DeleteFailure: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var code: String
        public var message: String

        public init(key: String, code: String, message: String) {
            self.key = key
            self.code = code
            self.message = message
        }

        public var description: String { "S3 DeleteObjects \(key) failed: \(code): \(message)" }
    }

    /// Deletes `keys` (at most ``maxKeysPerDelete``) in quiet mode, so the answer lists only the
    /// keys that failed. A key that did not exist counts as deleted.
    public func deleteObjects(_ keys: [String]) async throws(AWSError) -> [DeleteFailure] {
        precondition(keys.count <= Self.maxKeysPerDelete, "DeleteObjects takes at most \(Self.maxKeysPerDelete) keys")
        guard !keys.isEmpty else { return [] }
        var document = XMLBody.declaration + #"<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Quiet>true</Quiet>"#
        for key in keys { document += "<Object>" + XMLBody.element("Key", key) + "</Object>" }
        document += "</Delete>"
        let body = Data(document.utf8)
        let resource = keys.count == 1 ? keys[0] : "\(keys.count) keys from \(keys[0])"
        let headers: HTTPHeaders = [
            ("Content-Type", "application/xml"),
            ("Content-MD5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()),
        ]
        let response = try await send(
            "DeleteObjects", .post, key: nil, query: [AWSQueryItem("delete")], headers: headers,
            body: .data(body), resource: resource)
        let tree = try xml(response, "DeleteObjects", resource: resource)
        if let error = embeddedError(tree, response, "DeleteObjects", resource: resource) { throw error }
        return tree.children("Error").map {
            DeleteFailure(key: $0["Key"] ?? "?", code: $0["Code"] ?? "Unknown", message: $0["Message"] ?? "")
        }
    }
}
