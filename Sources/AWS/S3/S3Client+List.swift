/// ListObjectsV2 and ListMultipartUploads.
extension S3Client {
    /// One page of a listing and where the next starts.
    public struct ListPage: Sendable {
        public var objects: [S3Object]
        /// The token for the next page; `nil` on the last one.
        public var continuationToken: String?
    }

    /// Every object whose key starts with `prefix`, all pages, in key order. A continuation
    /// token S3 already gave (a service or proxy fault) stops the listing with an error instead
    /// of looping forever.
    public func listObjects(prefix: String = "") async throws(AWSError) -> [S3Object] {
        var objects: [S3Object] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            let page = try await listObjectsPage(prefix: prefix, continuationToken: token)
            objects += page.objects
            token = page.continuationToken
            if let token, !seen.insert(token).inserted {
                throw repeatedMarker("ListObjectsV2", prefix: prefix, "the continuation token \(token)", pages: seen.count + 1)
            }
        } while token != nil
        return objects
    }

    /// One page (up to 1,000 keys) of ListObjectsV2. Keys come URL-encoded (`encoding-type=url`)
    /// so that any key survives XML, and are decoded here.
    public func listObjectsPage(prefix: String, continuationToken: String?) async throws(AWSError) -> ListPage {
        var query = [AWSQueryItem("list-type", "2")]
        if let continuationToken { query.append(AWSQueryItem("continuation-token", continuationToken)) }
        query.append(AWSQueryItem("encoding-type", "url"))
        if !prefix.isEmpty { query.append(AWSQueryItem("prefix", prefix)) }
        let resource = url(of: prefix)
        let response = try await send("ListObjectsV2", .get, key: nil, query: query, resource: resource)
        let tree = try xml(response, "ListObjectsV2", resource: resource)
        let encoded = tree["EncodingType"] == "url"
        let objects = tree.children("Contents").map { item in
            let key = item["Key"] ?? ""
            return S3Object(
                key: encoded ? AWSPercentEncoding.decode(key, plusIsSpace: true) : key,
                etag: item["ETag"] ?? "", size: Int64(item["Size"] ?? "") ?? 0,
                lastModified: item["LastModified"] ?? "")
        }
        let truncated = tree["IsTruncated"] == "true"
        let next = tree["NextContinuationToken"].flatMap { $0.isEmpty ? nil : $0 }
        if truncated && next == nil {
            // Taking the page for the last would plan with a partial listing.
            throw AWSError(
                kind: .service, service: client.service.name, operation: "ListObjectsV2", resource: resource,
                statusCode: response.status, code: "MalformedResponse",
                message: "the page is truncated but has no NextContinuationToken")
        }
        return ListPage(objects: objects, continuationToken: truncated ? next : nil)
    }

    /// Multipart uploads started and neither completed nor aborted, under `prefix`, all pages.
    /// A pair of markers S3 already gave stops the listing with an error, as in ``listObjects(prefix:)``.
    public func listMultipartUploads(prefix: String = "") async throws(AWSError) -> [S3MultipartUpload] {
        var uploads: [S3MultipartUpload] = []
        var keyMarker: String?, uploadMarker: String?
        var seen: Set<[String]> = []
        let resource = url(of: prefix)
        while true {
            var query = [AWSQueryItem("uploads")]
            query.append(AWSQueryItem("encoding-type", "url"))
            if let keyMarker { query.append(AWSQueryItem("key-marker", keyMarker)) }
            if !prefix.isEmpty { query.append(AWSQueryItem("prefix", prefix)) }
            if let uploadMarker { query.append(AWSQueryItem("upload-id-marker", uploadMarker)) }
            let response = try await send("ListMultipartUploads", .get, key: nil, query: query, resource: resource)
            let tree = try xml(response, "ListMultipartUploads", resource: resource)
            let encoded = tree["EncodingType"] == "url"
            for item in tree.children("Upload") {
                let key = item["Key"] ?? ""
                uploads.append(
                    S3MultipartUpload(
                        key: encoded ? AWSPercentEncoding.decode(key, plusIsSpace: true) : key,
                        uploadId: item["UploadId"] ?? "", initiated: item["Initiated"] ?? ""))
            }
            guard tree["IsTruncated"] == "true", let nextKey = tree["NextKeyMarker"], !nextKey.isEmpty else { break }
            keyMarker = encoded ? AWSPercentEncoding.decode(nextKey, plusIsSpace: true) : nextKey
            uploadMarker = tree["NextUploadIdMarker"]
            if !seen.insert([nextKey, uploadMarker ?? ""]).inserted {
                throw repeatedMarker(
                    "ListMultipartUploads", prefix: prefix,
                    "the key marker \(nextKey) with the upload id marker \(uploadMarker ?? "(none)")",
                    pages: seen.count + 1)
            }
        }
        return uploads
    }

    /// The error of a listing whose next page would be one it already read.
    private func repeatedMarker(_ operation: String, prefix: String, _ marker: String, pages: Int) -> AWSError {
        AWSError(
            kind: .service, service: client.service.name, operation: operation, resource: url(of: prefix),
            statusCode: 200, code: "RepeatedMarker",
            message: "page \(pages) gave \(marker) again; the listing stops instead of reading the same pages forever")
    }
}

/// A multipart upload in progress.
public struct S3MultipartUpload: Sendable, Hashable {
    public var key: String
    public var uploadId: String
    /// When it was started, as S3 sends it.
    public var initiated: String

    public init(key: String, uploadId: String, initiated: String) {
        self.key = key
        self.uploadId = uploadId
        self.initiated = initiated
    }
}
