import AWS
import Foundation
import Testing

/// GetObject with a byte limit: a ranged request, and the object's size from `Content-Range`, so
/// a large object is never received whole (against Tests/Tools/aws_standin.py's scripted answers).
@Suite struct S3BoundedReadTests {
    func standin() throws -> PythonStandin {
        try PythonStandin(
            "aws_standin.py", ["--credentials", "AKIDEXAMPLE:\(TestSettings.readme.secretAccessKey)", "--error-format", "xml"])
    }

    func s3(_ standin: PythonStandin) throws -> S3Client {
        S3Client(
            settings: try TestSettings.settings(
                endpoint: standin.baseURL, custom: true,
                retry: RetryPolicy(random: { 0.5 }), clock: TestClock().clock),
            bucket: "tabi-site")
    }

    static func partial(_ body: String, total: Int) -> PythonStandin.ScriptedResponse {
        PythonStandin.ScriptedResponse(
            status: 206, headers: [["Content-Range", "bytes 0-\(body.utf8.count - 1)/\(total)"]],
            body: body, contentType: "image/jpeg")
    }

    @Test func aSmallObjectComesWholeFromARangedRequest() async throws {
        let standin = try standin()
        try await standin.script([Self.partial("hello", total: 5)])
        let read = try await s3(standin).getObject(key: "media/a.jpg", maxBytes: 10)
        #expect(read == .complete(Data("hello".utf8)))
        let seen = try #require(try await standin.requests().first)
        #expect(seen.method == "GET" && seen.path == "/tabi-site/media/a.jpg")
        #expect(seen.values("Range") == ["bytes=0-10"])
        #expect(seen.verified == true, "\(seen.verifyError ?? "")")
    }

    @Test func aLargerObjectIsReportedWithItsSize() async throws {
        let standin = try standin()
        try await standin.script([
            Self.partial("01234567890", total: 5_000_000),
            // A server that ignores Range answers 200 with everything: still refused by its size.
            PythonStandin.ScriptedResponse(status: 200, body: String(repeating: "x", count: 20), contentType: "image/jpeg"),
        ])
        let s3 = try s3(standin)
        #expect(try await s3.getObject(key: "big.jpg", maxBytes: 10) == .tooLarge(size: 5_000_000))
        #expect(try await s3.getObject(key: "big.jpg", maxBytes: 10) == .tooLarge(size: 20))
        // Exactly the limit is complete.
        try await standin.script([Self.partial("0123456789", total: 10)])
        #expect(try await s3.getObject(key: "ten.jpg", maxBytes: 10) == .complete(Data("0123456789".utf8)))
    }

    @Test func anEmptyObjectIsEmptyAndAMissingOneAnError() async throws {
        let standin = try standin()
        try await standin.script([
            S3ClientTests.xml(
                "<Error><Code>InvalidRange</Code><Message>The requested range is not satisfiable</Message></Error>",
                status: 416),
            S3ClientTests.xml(
                "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>",
                status: 404),
        ])
        let s3 = try s3(standin)
        #expect(try await s3.getObject(key: "empty.jpg", maxBytes: 10) == .complete(Data()))
        let error = await #expect(throws: AWSError.self) { try await s3.getObject(key: "missing.jpg", maxBytes: 10) }
        #expect(error?.isNotFound == true)
    }
}
