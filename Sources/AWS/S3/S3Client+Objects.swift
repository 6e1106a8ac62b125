import Foundation

/// Single-request object operations: PutObject, GetObject, HeadObject, DeleteObject.
extension S3Client {
    /// Uploads `body` to `key` with `attributes`; returns the ETag S3 gave it.
    ///
    /// - Parameters:
    ///   - md5: the body's hex MD5, sent as `Content-MD5` so S3 refuses bytes that changed on the way.
    ///   - sha256: the body's hex SHA-256 when the caller has it (saves a read of a file body).
    public func putObject(key: String, body: HTTPBody, md5: String?, attributes: S3ObjectAttributes = S3ObjectAttributes(),
                          sha256: String? = nil) async throws(AWSError) -> String {
        var headers = attributes.headers
        let contentMD5 = md5.flatMap { ContentMD5.base64(hex: $0) }
        if let contentMD5 { headers.add("Content-MD5", contentMD5) }
        let response = try await send("PutObject", .put, key: key, headers: headers, body: body,
                                      payload: payload(sha256: sha256, hasContentMD5: contentMD5 != nil))
        return S3Object.normalizedETag(response.headers["ETag"] ?? "")
    }

    /// The bytes of `key`, in memory.
    public func getObject(key: String) async throws(AWSError) -> Data {
        try await send("GetObject", .get, key: key).body
    }

    /// The headers of `key` without its bytes.
    public func headObject(key: String) async throws(AWSError) -> S3ObjectHead {
        S3ObjectHead(headers: try await send("HeadObject", .head, key: key).headers)
    }

    /// Deletes `key` (S3 answers 204 whether or not it existed).
    public func deleteObject(key: String) async throws(AWSError) {
        _ = try await send("DeleteObject", .delete, key: key)
    }
}
