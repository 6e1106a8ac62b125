import Foundation

/// Single-request object operations: PutObject, GetObject, HeadObject, DeleteObject.
extension S3Client {
    /// Uploads `body` to `key` with `attributes`; returns the ETag S3 gave it.
    ///
    /// - Parameters:
    ///   - md5: the body's hex MD5, sent as `Content-MD5` so S3 refuses bytes that changed on the way.
    ///   - sha256: the body's hex SHA-256 when the caller has it (saves a read of a file body).
    ///   - condition: written only if the object is absent (`If-None-Match: *`) or still has an
    ///     ETag (`If-Match`); S3 answers 412 (or 409 to a concurrent conditional write) otherwise,
    ///     see ``AWSError/isConditionFailed``.
    public func putObject(
        key: String, body: HTTPBody, md5: String?, attributes: S3ObjectAttributes = S3ObjectAttributes(),
        sha256: String? = nil, condition: S3WriteCondition? = nil
    ) async throws(AWSError) -> String {
        var headers = attributes.headers
        switch condition {
        case .absent: headers.add("If-None-Match", "*")
        case .matches(let etag): headers.add("If-Match", "\"\(etag)\"")
        case nil: break
        }
        let contentMD5 = md5.flatMap { ContentMD5.base64(hex: $0) }
        if let contentMD5 { headers.add("Content-MD5", contentMD5) }
        let response = try await send(
            "PutObject", .put, key: key, headers: headers, body: body,
            payload: payload(sha256: sha256, hasContentMD5: contentMD5 != nil))
        return S3Object.normalizedETag(response.headers["ETag"] ?? "")
    }

    /// The bytes of `key`, in memory.
    public func getObject(key: String) async throws(AWSError) -> Data {
        try await send("GetObject", .get, key: key).body
    }

    /// The bytes of `key` and their ETag, for a conditional write of the next version.
    public func getObjectAndETag(key: String) async throws(AWSError) -> (data: Data, etag: String) {
        let response = try await send("GetObject", .get, key: key)
        return (response.body, S3Object.normalizedETag(response.headers["ETag"] ?? ""))
    }

    /// The bytes of `key` when it has at most `maxBytes`, else its size: a ranged GET
    /// (`Range: bytes=0-<maxBytes>`), so no more than `maxBytes + 1` bytes arrive however large
    /// the object is, and `Content-Range` gives its whole size. One request, no HEAD first: the
    /// object cannot be replaced by a larger one between a check and the read.
    public func getObject(key: String, maxBytes: Int) async throws(AWSError) -> S3BoundedRead {
        let response: HTTPResponse
        do {
            response = try await send("GetObject", .get, key: key, headers: ["Range": "bytes=0-\(max(0, maxBytes))"])
        } catch  where error.statusCode == 416 && error.code == "InvalidRange" {
            // An empty object has no byte 0 to start the range at.
            return .complete(Data())
        }
        // A 206 says the whole size after the slash; a 200 (a server that ignores ranges) sent it all.
        let total = response.headers["Content-Range"].flatMap { $0.split(separator: "/").last }.flatMap { Int64($0) }
        let size = max(total ?? 0, Int64(response.body.count))
        return size > Int64(maxBytes) ? .tooLarge(size: size) : .complete(response.body)
    }

    /// The headers of `key` without its bytes.
    public func headObject(key: String) async throws(AWSError) -> S3ObjectHead {
        S3ObjectHead(headers: try await send("HeadObject", .head, key: key).headers)
    }
}
