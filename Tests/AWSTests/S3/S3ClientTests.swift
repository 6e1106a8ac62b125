import AWS
import Crypto
import Foundation
import Testing

/// The S3 and CloudFront operations against Tests/Tools/aws_standin.py: scripted answers S3 can
/// give that moto does not (pages, errors inside a 200), every request checked by botocore.
@Suite struct S3ClientTests {
    func standin() throws -> PythonStandin {
        try PythonStandin(
            "aws_standin.py", ["--credentials", "AKIDEXAMPLE:\(TestSettings.readme.secretAccessKey)", "--error-format", "xml"])
    }

    func s3(_ standin: PythonStandin, clock: TestClock = TestClock()) throws -> S3Client {
        S3Client(
            settings: try TestSettings.settings(
                endpoint: standin.baseURL, custom: true,
                retry: RetryPolicy(random: { 0.5 }), clock: clock.clock), bucket: "tabi-site")
    }

    static func xml(_ body: String, status: Int = 200) -> PythonStandin.ScriptedResponse {
        PythonStandin.ScriptedResponse(
            status: status, body: #"<?xml version="1.0" encoding="UTF-8"?>"# + body, contentType: "application/xml")
    }

    @Test func listingFollowsContinuationTokensAndDecodesKeys() async throws {
        let standin = try standin()
        try await standin.script([
            Self.xml(
                """
                <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><EncodingType>url</EncodingType>
                <IsTruncated>true</IsTruncated><NextContinuationToken>1/a+b=</NextContinuationToken>
                <Contents><Key>a+b/c%2Bd.html</Key><ETag>&quot;0cc175b9c0f1b6a831c399e269772661&quot;</ETag><Size>1</Size>
                <LastModified>2024-11-02T09:30:00.000Z</LastModified></Contents></ListBucketResult>
                """),
            Self.xml(
                """
                <ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>
                <Contents><Key>z.bin</Key><ETag>"abc-2"</ETag><Size>12</Size></Contents></ListBucketResult>
                """),
        ])
        let objects = try await s3(standin).listObjects(prefix: "site/")
        #expect(
            objects == [
                S3Object(
                    key: "a b/c+d.html", etag: "0cc175b9c0f1b6a831c399e269772661", size: 1,
                    lastModified: "2024-11-02T09:30:00.000Z"),
                S3Object(key: "z.bin", etag: "abc-2", size: 12),
            ])
        #expect(objects[1].isMultipart)
        let seen = try await standin.requests()
        #expect(
            seen.map(\.query) == [
                "list-type=2&encoding-type=url&prefix=site%2F",
                "list-type=2&continuation-token=1%2Fa%2Bb%3D&encoding-type=url&prefix=site%2F",
            ])
        #expect(seen.allSatisfy { $0.verified == true })
    }

    @Test func aRepeatedContinuationTokenStopsTheListingWithAClearError() async throws {
        let standin = try standin()
        let page = Self.xml(
            """
            <ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t-1</NextContinuationToken>
            <Contents><Key>a.html</Key><ETag>"0cc175b9c0f1b6a831c399e269772661"</ETag><Size>1</Size></Contents></ListBucketResult>
            """)
        let other = Self.xml(
            """
            <ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>next</NextContinuationToken></ListBucketResult>
            """)
        // Tokens t-1, next, t-1: the third page would be the second once more, forever.
        try await standin.script([page, other, page])
        await #expect {
            _ = try await s3(standin).listObjects(prefix: "")
        } throws: { error in
            let error = error as? AWSError
            return error?.code == "RepeatedMarker" && error?.description.contains("page 3 gave the continuation token t-1 again") == true
        }
        #expect(try await standin.requests().count == 3)

        // A truncated page without a token is not taken for the last one.
        try await standin.script([Self.xml("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>")])
        await #expect { _ = try await s3(standin).listObjects(prefix: "") } throws: { ($0 as? AWSError)?.code == "MalformedResponse" }
    }

    @Test func repeatedMultipartMarkersStopTheListingWithAClearError() async throws {
        let standin = try standin()
        let page = Self.xml(
            """
            <ListMultipartUploadsResult><IsTruncated>true</IsTruncated><NextKeyMarker>big.bin</NextKeyMarker>
            <NextUploadIdMarker>u-1</NextUploadIdMarker><Upload><Key>big.bin</Key><UploadId>u-1</UploadId>
            <Initiated>2024-11-02T09:30:00.000Z</Initiated></Upload></ListMultipartUploadsResult>
            """)
        try await standin.script([page, page])
        await #expect {
            _ = try await s3(standin).listMultipartUploads()
        } throws: { error in
            let error = error as? AWSError
            return error?.code == "RepeatedMarker"
                && error?.description.contains("key marker big.bin with the upload id marker u-1") == true
        }
        let seen = try await standin.requests()
        #expect(seen.count == 2)
        #expect(seen.last?.query.contains("key-marker=big.bin") == true && seen.last?.query.contains("upload-id-marker=u-1") == true)
    }

    @Test func anErrorInsideA200IsRetriedAndThenReported() async throws {
        let standin = try standin()
        let clock = TestClock()
        let s3 = try s3(standin, clock: clock)
        let parts = [S3Client.CompletedPart(number: 2, etag: "b"), S3Client.CompletedPart(number: 1, etag: "a")]
        try await standin.script([
            Self.xml("<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"),
            Self.xml(
                "<CompleteMultipartUploadResult><ETag>&quot;3858f62230ac3c915f300c664312c11f-2&quot;</ETag></CompleteMultipartUploadResult>"
            ),
        ])
        let etag = try await s3.completeMultipartUpload(key: "big.bin", uploadId: "u-1", parts: parts)
        #expect(etag == "3858f62230ac3c915f300c664312c11f-2")
        #expect(clock.sleeps.current.count == 1)
        let body = try #require(try await standin.requests().last?.bodyText)
        #expect(body.contains("<Part><PartNumber>1</PartNumber><ETag>&quot;a&quot;</ETag></Part><Part><PartNumber>2</PartNumber>"))

        try await standin.script([
            Self.xml("<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not be found.</Message></Error>")
        ])
        do {
            _ = try await s3.completeMultipartUpload(key: "big.bin", uploadId: "u-1", parts: parts)
            Issue.record("an error document in a 200 was taken for success")
        } catch {
            #expect(error.code == "InvalidPart")
            #expect(error.description.contains("S3 CompleteMultipartUpload big.bin failed: InvalidPart (200)"), "\(error)")
        }
        #expect(try await standin.requests().allSatisfy { $0.verified == true })
    }

    @Test func deleteObjectsSendsContentMD5AndReportsPerKeyErrors() async throws {
        let standin = try standin()
        try await standin.script([
            Self.xml(
                """
                <DeleteResult><Error><Key>trips/a&amp;b/index.html</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>
                """)
        ])
        let failures = try await s3(standin).deleteObjects(["trips/a&b/index.html", "feed.xml"])
        #expect(failures == [S3Client.DeleteFailure(key: "trips/a&b/index.html", code: "AccessDenied", message: "Access Denied")])
        let seen = try #require(try await standin.requests().first)
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
        #expect(seen.query == "delete")
        let body = try #require(seen.bodyText)
        #expect(
            body.contains("<Quiet>true</Quiet><Object><Key>trips/a&amp;b/index.html</Key></Object><Object><Key>feed.xml</Key></Object>"))
        #expect(seen.values("Content-MD5") == [Data(Insecure.MD5.hash(data: Data(body.utf8))).base64EncodedString()])
    }

    @Test func putObjectSendsItsHeadersAndContentMD5() async throws {
        let standin = try standin()
        let data = Data("<p>hi</p>".utf8)
        let md5 = Insecure.MD5.hash(data: data).map { String(format: "%02x", $0) }.joined()
        try await standin.script([PythonStandin.ScriptedResponse(status: 200, headers: [["ETag", "\"\(md5)\""]])])
        let attributes = S3ObjectAttributes(
            contentType: "text/html; charset=utf-8", cacheControl: "max-age=60",
            contentEncoding: "gzip", metadata: ["tabi-md5": md5])
        let etag = try await s3(standin).putObject(key: "trips/kyoto/index.html", body: .data(data), md5: md5, attributes: attributes)
        #expect(etag == md5)
        let seen = try #require(try await standin.requests().first)
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
        #expect(seen.values("Content-Type") == ["text/html; charset=utf-8"])
        #expect(seen.values("Cache-Control") == ["max-age=60"])
        #expect(seen.values("Content-Encoding") == ["gzip"])
        #expect(seen.values("x-amz-meta-tabi-md5") == [md5])
        #expect(seen.values("Content-MD5") == [Data(Insecure.MD5.hash(data: data)).base64EncodedString()])
    }

    @Test func createInvalidationSendsTheBatchAndReadsItsId() async throws {
        let standin = try standin()
        try await standin.script([
            Self.xml(
                """
                <Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status>
                <InvalidationBatch><Paths><Quantity>2</Quantity><Items><Path>/</Path><Path>/trips/*</Path></Items></Paths>
                <CallerReference>tabi-1</CallerReference></InvalidationBatch></Invalidation>
                """, status: 201)
        ])
        let client = CloudFrontClient(settings: try TestSettings.settings(endpoint: standin.baseURL, custom: true))
        let invalidation = try await client.createInvalidation(
            distributionId: "E2QWRUHAPOMQZL", paths: ["/", "/trips/*"], callerReference: "tabi-1")
        #expect(
            invalidation
                == CloudFrontInvalidation(id: "I2J0I21PCUYOIK", status: "InProgress", paths: ["/", "/trips/*"], callerReference: "tabi-1"))
        let seen = try #require(try await standin.requests().first)
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
        #expect(seen.path == "/2020-05-31/distribution/E2QWRUHAPOMQZL/invalidation")
        #expect(
            seen.bodyText?.contains(
                "<Paths><Quantity>2</Quantity><Items><Path>/</Path><Path>/trips/*</Path></Items></Paths><CallerReference>tabi-1</CallerReference>"
            ) == true)
    }

    @Test func aBusyDistributionIsAskedAgainUntilTheWaitRunsOut() async throws {
        let standin = try standin()
        let busy = Self.xml(
            """
            <ErrorResponse xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Error><Type>Sender</Type>\
            <Code>TooManyInvalidationsInProgress</Code><Message>Processing your request will cause you to exceed the \
            maximum number of in-progress wildcard invalidations.</Message></Error><RequestId>cf-9</RequestId></ErrorResponse>
            """, status: 400)
        let accepted = Self.xml("<Invalidation><Id>I2J0I21PCUYOIK</Id><Status>InProgress</Status></Invalidation>", status: 201)
        let clock = TestClock()
        let settings = try TestSettings.settings(endpoint: standin.baseURL, custom: true, clock: clock.clock)

        // Busy twice, then accepted: three requests, with the same caller reference, 20 s apart.
        try await standin.script([busy, busy, accepted])
        let client = CloudFrontClient(client: AWSClient(service: .cloudFront, settings: settings), busyWait: .seconds(60))
        let invalidation = try await client.createInvalidation(distributionId: "E2QWRUHAPOMQZL", paths: ["/"], callerReference: "tabi-7")
        #expect(invalidation.id == "I2J0I21PCUYOIK")
        let sent = try await standin.requests()
        #expect(sent.count == 3)
        #expect(sent.allSatisfy { $0.bodyText?.contains("<CallerReference>tabi-7</CallerReference>") == true })
        #expect(clock.sleeps.current == [.seconds(20), .seconds(20)])

        // Still busy when the wait runs out: CloudFront's error, after one more ask only.
        try await standin.script([busy, busy])
        let patient = CloudFrontClient(client: AWSClient(service: .cloudFront, settings: settings), busyWait: .seconds(30))
        await #expect {
            _ = try await patient.createInvalidation(distributionId: "E2QWRUHAPOMQZL", paths: ["/"], callerReference: "tabi-8")
        } throws: { error in
            (error as? AWSError)?.code == CloudFrontClient.busyCode
        }
        #expect(try await standin.requests().count == 5)
        #expect(clock.sleeps.current == [.seconds(20), .seconds(20), .seconds(20)])
    }
}
