import AWS
import Concurrency
import Foundation
import Gzip
import Logging
import TabiCore

/// Uploads one ``LocalObject``: a PutObject with `Content-MD5`, streamed from disk (or its
/// gzip from memory), or a multipart upload whose parts go up concurrently and whose ETag is
/// checked against the one computed when planning.
struct ObjectUploader: Sendable {
    let s3: S3Client
    let limiter: RequestLimiter
    /// Parts of one file in flight at once (the limiter bounds the total).
    let partConcurrency: Int
    let logger: Logger

    /// Uploads `object`; throws the failure naming its key.
    func upload(_ object: LocalObject) async throws(PublishFailure) {
        do {
            if object.isMultipart {
                try await uploadInParts(object)
            } else {
                let body = try body(of: object)
                let s3 = self.s3
                let etag = try await limiter.run { () async throws(AWSError) -> String in
                    try await s3.putObject(
                        key: object.key, body: body, md5: object.md5,
                        attributes: object.headers.attributes(md5: object.md5))
                }
                if !etag.isEmpty, etag != object.etag {
                    logger.warning(
                        "S3 gave \(object.key) the ETag \(etag), not its MD5 \(object.etag): is the bucket encrypted with SSE-KMS? Unchanged files will then be checked with a HEAD each time."
                    )
                }
            }
        } catch let error as AWSError {
            throw PublishFailure(key: object.key, operation: error.operation, message: error.description)
        } catch let failure as PublishFailure {
            throw failure
        } catch {
            throw PublishFailure(key: object.key, operation: "upload", message: "\(error)")
        }
    }

    /// The bytes to send: the file (opened without following links, sent through that
    /// descriptor), or its gzip (compressed again when it was not kept).
    func body(of object: LocalObject) throws(PublishFailure) -> HTTPBody {
        switch object.body {
        case .file:
            return .file(try open(object))
        case .gzip(let data?):
            return .data(data)
        case .gzip(nil):
            let data: Data
            do {
                let opened = try object.source.open()
                data = try Gzip.compress(LocalObjectPreparer.read(opened, size: opened.size ?? 0, path: object.source))
            } catch {
                throw PublishFailure(key: object.key, operation: "upload", message: "\(error)")
            }
            guard ContentHash.md5(data) == object.md5 else {
                throw PublishFailure(key: object.key, operation: "upload", message: "\(object.file) changed since the plan was made")
            }
            return .data(data)
        }
    }

    /// The object's file, opened without following any link: one swapped for a link since the
    /// plan was made fails its key and is never read.
    private func open(_ object: LocalObject) throws(PublishFailure) -> HTTPOpenFile {
        do { return try object.source.open() } catch {
            throw PublishFailure(key: object.key, operation: "upload", message: error.description)
        }
    }

    // MARK: - Multipart

    private func uploadInParts(_ object: LocalObject) async throws {
        let s3 = self.s3, limiter = self.limiter
        let opened = try open(object)
        let uploadId = try await limiter.run { () async throws(AWSError) -> String in
            try await s3.createMultipartUpload(key: object.key, attributes: object.headers.attributes(md5: object.md5))
        }
        do {
            // Parts go up in a sliding window; after a failure no further part starts, and the
            // upload is aborted once the parts in flight are done.
            var completed: [S3Client.CompletedPart] = []
            var failure: (any Error)?
            let logger = self.logger
            await slidingWindow(object.parts.count, concurrency: partConcurrency, canStart: { failure == nil }) { index in
                let part = object.parts[index]
                do throws(AWSError) {
                    let done = try await limiter.run { () async throws(AWSError) -> S3Client.CompletedPart in
                        try await s3.uploadPart(
                            key: object.key, uploadId: uploadId, number: part.number,
                            body: .file(opened, offset: part.offset, length: part.length),
                            md5: part.md5)
                    }
                    logger.debug("uploaded part \(part.number) of \(object.parts.count) of \(object.key)")
                    return Result<S3Client.CompletedPart, AWSError>.success(done)
                } catch {
                    return .failure(error)
                }
            } collect: { _, result in
                switch result {
                case .success(let part): completed.append(part)
                case .failure(let error): failure = failure ?? error
                }
            }
            if let failure { throw failure }
            let parts = completed
            let etag = try await limiter.run { () async throws(AWSError) -> String in
                try await s3.completeMultipartUpload(key: object.key, uploadId: uploadId, parts: parts, expectedETag: object.etag)
            }
            if !etag.isEmpty, etag != object.etag {
                logger.warning(
                    "S3 gave \(object.key) the ETag \(etag), not the \(object.etag) computed for its \(object.parts.count) parts")
            }
        } catch {
            // Free the parts now; an interrupted run's leftovers are aborted by the next publish.
            try? await s3.abortMultipartUpload(key: object.key, uploadId: uploadId)
            throw error
        }
    }
}

/// One key publish could not upload or delete, naming the operation and the service's answer.
public struct PublishFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var key: String
    public var operation: String
    /// The full sentence: for service errors, ``AWSError``'s (code, message, request id).
    public var message: String

    public init(key: String, operation: String, message: String) {
        self.key = key
        self.operation = operation
        self.message = message
    }

    public var description: String { message.contains(key) ? message : "\(key): \(message)" }
}
