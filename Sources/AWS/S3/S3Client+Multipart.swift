import Foundation

/// Multipart uploads: create, upload parts, complete (or abort).
extension S3Client {
    /// The smallest part S3 takes (all but the last part of an upload).
    public static let minimumPartSize: Int64 = 5 * 1024 * 1024
    /// The most parts one upload may have.
    public static let maximumParts = 10_000

    /// A part that was uploaded: its number (from 1) and the ETag S3 gave it.
    public struct CompletedPart: Sendable, Hashable {
        public var number: Int
        public var etag: String

        public init(number: Int, etag: String) {
            self.number = number
            self.etag = etag
        }
    }

    /// Starts an upload to `key` that will carry `attributes`; returns its upload id.
    public func createMultipartUpload(key: String, attributes: S3ObjectAttributes) async throws(AWSError) -> String {
        let response = try await send(
            "CreateMultipartUpload", .post, key: key, query: [AWSQueryItem("uploads")],
            headers: attributes.headers)
        let tree = try xml(response, "CreateMultipartUpload", resource: key)
        guard let uploadId = tree["UploadId"], !uploadId.isEmpty else {
            throw AWSError(
                kind: .service, service: client.service.name, operation: "CreateMultipartUpload", resource: key,
                statusCode: response.status, code: "MalformedResponse", message: "the response has no UploadId")
        }
        return uploadId
    }

    /// Uploads part `number` (from 1) of an upload; returns its ETag.
    public func uploadPart(
        key: String, uploadId: String, number: Int, body: HTTPBody, md5: String?,
        sha256: String? = nil
    ) async throws(AWSError) -> CompletedPart {
        let contentMD5 = md5.flatMap { ContentMD5.base64(hex: $0) }
        let headers: HTTPHeaders = contentMD5.map { [("Content-MD5", $0)] } ?? [:]
        let response = try await send(
            "UploadPart", .put, key: key,
            query: [AWSQueryItem("partNumber", String(number)), AWSQueryItem("uploadId", uploadId)],
            headers: headers, body: body, payload: payload(sha256: sha256, hasContentMD5: contentMD5 != nil),
            resource: "\(key) part \(number)")
        return CompletedPart(number: number, etag: S3Object.normalizedETag(response.headers["ETag"] ?? ""))
    }

    /// Completes an upload from its parts; returns the object's ETag.
    ///
    /// S3 may answer 200 and still fail, with an `<Error>` document in the body; that is retried
    /// like a 500. A retry that finds the upload gone (`NoSuchUpload`) checks whether the earlier
    /// attempt in fact completed it (a HEAD whose ETag is `expectedETag`).
    public func completeMultipartUpload(
        key: String, uploadId: String, parts: [CompletedPart],
        expectedETag: String? = nil
    ) async throws(AWSError) -> String {
        var xml = XMLBody.declaration + #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        for part in parts.sorted(by: { $0.number < $1.number }) {
            xml += "<Part>" + XMLBody.element("PartNumber", String(part.number)) + XMLBody.element("ETag", "\"\(part.etag)\"") + "</Part>"
        }
        xml += "</CompleteMultipartUpload>"
        return try await RetryLoop(policy: client.settings.retry, sleep: client.settings.clock.sleep).run {
            attempt async -> AttemptResult<String, AWSError> in
            do throws(AWSError) {
                // The client has already retried what the HTTP answer itself asked for; this loop
                // retries the failures S3 reports inside a 200 answer.
                let response = try await send(
                    "CompleteMultipartUpload", .post, key: key, query: [AWSQueryItem("uploadId", uploadId)],
                    headers: [("Content-Type", "application/xml")], body: .text(xml))
                let tree = try self.xml(response, "CompleteMultipartUpload", resource: key)
                guard let error = embeddedError(tree, response, "CompleteMultipartUpload", resource: key) else {
                    return .success(S3Object.normalizedETag(tree["ETag"] ?? ""))
                }
                return .failure(error, retry: error.retryReason)
            } catch {
                if attempt > 1, error.code == "NoSuchUpload", let expectedETag,
                    let head = try? await headObject(key: key), head.etag == expectedETag
                {
                    return .success(head.etag)
                }
                return .failure(error, retry: nil)
            }
        } beforeRetry: { retry in
            client.settings.logger.notice(
                "S3 CompleteMultipartUpload \(key): \(retry.failure.code ?? "error") in a 200 answer; retry \(retry.number)")
        } cancelled: { _, _ in
            AWSError(kind: .cancelled, service: client.service.name, operation: "CompleteMultipartUpload", resource: key)
        }
    }

    /// Abandons an upload, freeing its parts. An upload already gone is not an error.
    public func abortMultipartUpload(key: String, uploadId: String) async throws(AWSError) {
        do {
            _ = try await send("AbortMultipartUpload", .delete, key: key, query: [AWSQueryItem("uploadId", uploadId)])
        } catch  where error.code == "NoSuchUpload" {
            return
        }
    }
}
