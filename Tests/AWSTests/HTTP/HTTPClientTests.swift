import Foundation
import HTTPClient
import TestSupport
import Testing

/// HTTPClient against a real local server (Tests/Tools/http_echo_server.py).
@Suite struct HTTPClientTests {
    let server: PythonStandin
    let client = HTTPClient()

    init() throws { server = try PythonStandin("http_echo_server.py") }

    func url(_ target: String) -> String { server.baseURL + target }

    // MARK: - What goes on the wire

    @Test func getSendsOnlyTheGivenHeaders() async throws {
        let response = try await client.send(HTTPRequest(method: .get, url: url("/echo")))
        let seen = try response.echoed()
        #expect(response.status == 200)
        #expect(seen.method == "GET")
        #expect(seen.headers.map { $0[0] }.sorted() == ["Host"])
        #expect(seen.values("Host") == ["127.0.0.1:\(server.port)"])
    }

    @Test func pathAndQueryBytesAreSentExactly() async throws {
        let target = "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/invoke/%7e/./../a//b%2F%20c?x=%2B%20&y&z=%3a"
        let seen = try await client.send(HTTPRequest(method: .post, url: url(target))).echoed()
        #expect(seen.target == target)
    }

    @Test func headersKeepTheirOrderCaseAndRepeats() async throws {
        let headers: HTTPHeaders = [
            ("X-Amz-Date", "20240102T030405Z"), ("x-lower", "1"), ("Mixed-CASE", "a  b"), ("X-Dup", "one"),
            ("X-Dup", "two"), ("X-Empty", ""), ("Content-Type", "application/json"),
        ]
        let seen = try await client.send(HTTPRequest(method: .put, url: url("/h"), headers: headers, body: .text("{}"))).echoed()
        let sent = seen.headers.filter { $0[0] != "Host" && $0[0] != "Content-Length" }
        #expect(sent == headers.map { [$0.name, $0.value] })
    }

    @Test func putBodyHasLengthAndNoExpectOrContentType() async throws {
        let body = Data((0..<2_500_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let response = try await client.send(HTTPRequest(method: .put, url: url("/put"), body: .data(body)))
        let seen = try response.echoed()
        #expect(seen.bodySha256 == sha256Hex(body))
        #expect(seen.values("Content-Length") == ["2500000"])
        #expect(seen.values("Expect").isEmpty)
        #expect(seen.values("Content-Type").isEmpty)
        #expect(response.timing.bytesSent == 2_500_000)
    }

    @Test func postBodyGetsNoFormContentType() async throws {
        let seen = try await client.send(HTTPRequest(method: .post, url: url("/post"), body: .text("a=b"))).echoed()
        #expect(seen.method == "POST")
        #expect(seen.bodyText == "a=b")
        #expect(seen.values("Content-Type").isEmpty)
    }

    @Test func emptyPutSendsZeroLength() async throws {
        let seen = try await client.send(HTTPRequest(method: .put, url: url("/empty"))).echoed()
        #expect(seen.values("Content-Length") == ["0"])
        #expect(seen.bodyLength == 0)
    }

    @Test func getWithABodyStaysAGet() async throws {
        let seen = try await client.send(HTTPRequest(method: .get, url: url("/search"), body: .text("q"))).echoed()
        #expect(seen.method == "GET")
        #expect(seen.bodyText == "q")
    }

    @Test func deleteAndHead() async throws {
        let deleted = try await client.send(HTTPRequest(method: .delete, url: url("/thing"))).echoed()
        #expect(deleted.method == "DELETE")
        #expect(deleted.values("Content-Length").isEmpty)
        let head = try await client.send(HTTPRequest(method: .head, url: url("/bytes/100")))
        #expect(head.status == 200)
        #expect(head.headers["content-length"] == "100")
        #expect(head.body.isEmpty)
    }

    // MARK: - File bodies and file downloads

    @Test func streamsAFileRegionFromDisk() async throws {
        let folder = TemporaryFolder("http-file")
        let file = folder("original.bin")
        let bytes = Data((0..<6_000_000).map { UInt8(truncatingIfNeeded: ($0 * 31) ^ ($0 >> 9)) })
        try bytes.write(to: file)
        let region = HTTPBody.file(path: file.path, offset: 1_000_003, length: 3_000_001)
        let response = try await client.send(HTTPRequest(method: .put, url: url("/part"), body: region))
        let seen = try response.echoed()
        #expect(seen.bodyLength == 3_000_001)
        #expect(seen.bodySha256 == sha256Hex(bytes[1_000_003..<4_000_004]))
        let rest = try await client.send(HTTPRequest(method: .put, url: url("/rest"), body: .file(path: file.path, offset: 5_999_000)))
            .echoed()
        #expect(rest.bodySha256 == sha256Hex(bytes[5_999_000...]))
    }

    @Test func anOpenFileIsSentThroughItsDescriptorEvenAfterItsNameBecomesALink() async throws {
        let folder = TemporaryFolder("http-file")
        let file = folder("page.html")
        let secret = folder("credentials")
        try Data("the page as it was checked".utf8).write(to: file)
        try Data("aws_secret_access_key = not for upload".utf8).write(to: secret)
        let descriptor = open(file.path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        #expect(descriptor >= 0)
        let opened = HTTPOpenFile(adopting: descriptor, path: file.path)
        #expect(opened.size == 26)
        // Swapped for a link after it was opened: what is sent is still the file that was opened.
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createSymbolicLink(at: file, withDestinationURL: secret)
        for _ in 0..<2 {  // and again through the same descriptor, as a retry would
            let seen = try await client.send(HTTPRequest(method: .put, url: url("/x"), body: .file(opened))).echoed()
            #expect(seen.bodySha256 == sha256Hex(Data("the page as it was checked".utf8)))
        }
        let part = try await client.send(HTTPRequest(method: .put, url: url("/x"), body: .file(opened, offset: 4, length: 4))).echoed()
        #expect(part.bodyText == "page")
        #expect(fcntl(descriptor, F_GETFD) >= 0, "the owner's descriptor stays open after the sends")
    }

    @Test func unreadableFileBodiesFailNamingTheFile() async throws {
        let folder = TemporaryFolder("http-file")
        let file = folder("small.bin")
        try Data(count: 10).write(to: file)
        for body in [HTTPBody.file(path: file.path, offset: 5, length: 6), .file(path: folder("missing.bin").path)] {
            do {
                _ = try await client.send(HTTPRequest(method: .put, url: url("/x"), body: body))
                Issue.record("expected a failure for \(body)")
            } catch {
                #expect(error.kind == .bodyUnreadable)
                #expect(!error.isTransient)
                #expect(error.description.contains(folder.url.path))
            }
        }
    }

    @Test func downloadsA2xxBodyToAFileAndKeepsErrorsInMemory() async throws {
        let folder = TemporaryFolder("http-download")
        let target = folder("download.bin")
        let ok = try await client.send(HTTPRequest(method: .get, url: url("/bytes/3000000"), responseDestination: .file(path: target.path)))
        #expect(ok.status == 200)
        #expect(ok.body.isEmpty)
        #expect(ok.bodyDestination == .file(path: target.path))
        #expect(try Data(contentsOf: target) == Data((0..<3_000_000).map { UInt8($0 % 251) }))

        let missing = folder("missing.bin")
        let notFound = try await client.send(
            HTTPRequest(method: .get, url: url("/status/404"), responseDestination: .file(path: missing.path)))
        #expect(notFound.status == 404)
        #expect(notFound.text == #"{"status": 404}"#)
        #expect(!FileManager.default.fileExists(atPath: missing.path))
    }

    // MARK: - Responses

    @Test func responseHeadersAreCaseInsensitiveAndMultiValued() async throws {
        let response = try await client.send(HTTPRequest(method: .get, url: url("/headers")))
        #expect(response.headers.values(for: "X-MULTI") == ["one", "two"])
        #expect(response.headers["etag"] == "\"abc\"")
        #expect(response.headers["x-folded"] == "a  b")
        #expect(response.text == "ok")
        #expect(response.version == .http1_1)
    }

    @Test func statusCodesAreResponsesNotErrors() async throws {
        for status in [201, 304, 403, 503] {
            #expect(try await client.send(HTTPRequest(method: .get, url: url("/status/\(status)"))).status == status)
        }
    }

    @Test func reusesTheConnectionForTheNextRequest() async throws {
        // A long idle limit: in a full test run the cooperative pool can be busy for minutes
        // between two awaits (157 s once, past libcurl's default of 118 s).
        let client = HTTPClient(configuration: .init(maxIdleTime: .seconds(3600)))
        let first = try await client.send(HTTPRequest(method: .get, url: url("/one")))
        let second = try await client.send(HTTPRequest(method: .put, url: url("/two"), body: .text("x")))
        #expect(!first.timing.reusedConnection)
        #expect(second.timing.reusedConnection)
        #expect(try first.echoed().clientPort == second.echoed().clientPort)
    }

    @Test func aConnectionIdleLongerThanTheLimitIsReplaced() async throws {
        let client = HTTPClient(configuration: .init(maxIdleTime: .seconds(1)))
        let first = try await client.send(HTTPRequest(method: .get, url: url("/one")))
        try await Task.sleep(for: .milliseconds(2_100))
        let second = try await client.send(HTTPRequest(method: .get, url: url("/two")))
        #expect(!second.timing.reusedConnection)
        #expect(try first.echoed().clientPort != second.echoed().clientPort)
    }

    @Test func runsManyRequestsConcurrently() async throws {
        let client = self.client, url = self.url("/")
        let targets = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask { try await client.send(HTTPRequest(method: .get, url: url + "n\(index)")).echoed().path }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(targets == Set((0..<40).map { "/n\($0)" }))
    }

    // MARK: - Failures

    @Test func totalTimeout() async throws {
        let request = HTTPRequest(method: .get, url: url("/sleep/3000"), timeouts: HTTPTimeouts(total: .milliseconds(300)))
        await #expect { try await client.send(request) } throws: { ($0 as? HTTPError)?.kind == .timeout }
    }

    @Test func lowSpeedLimitCatchesAStall() async throws {
        let limit = HTTPTimeouts.LowSpeedLimit(bytesPerSecond: 100, duration: .seconds(1))
        let request = HTTPRequest(method: .get, url: url("/stall"), timeouts: HTTPTimeouts(lowSpeed: limit))
        await #expect { try await client.send(request) } throws: { ($0 as? HTTPError)?.kind == .timeout }
    }

    @Test(arguments: ["bytes", "chunked"])
    func aBodyLongerThanTheLimitFailsWhetherOrNotItsLengthIsSaid(route: String) async throws {
        let limit = 100_000
        let fits = try await client.send(HTTPRequest(method: .get, url: url("/\(route)/\(limit)"), maxResponseBytes: limit))
        #expect(fits.body.count == limit)
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: url("/\(route)/5000000"), maxResponseBytes: limit))
            Issue.record("a 5 MB body passed a 100 kB limit")
        } catch {
            #expect(error.kind == .responseTooLarge && !error.isTransient)
            #expect(
                error.description == "HTTP GET to 127.0.0.1:\(server.port) failed: response too large "
                    + "(the body is longer than the limit of 100000 bytes)")
        }
        // The limit is per request: the next one on the same client is not limited.
        #expect(try await client.send(HTTPRequest(method: .get, url: url("/\(route)/300000"))).body.count == 300_000)
    }

    @Test func refusedConnectionIsClassifiedAndTransient() async throws {
        let port = unusedLocalPort()
        do {
            _ = try await client.send(HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/secret/path?X-Amz-Signature=abc"))
            Issue.record("expected connection refused")
        } catch {
            #expect(error.kind == .connectionRefused)
            #expect(error.isTransient)
            #expect(error.host == "127.0.0.1:\(port)")
            #expect(!error.description.contains("secret"))
            #expect(!error.description.contains("X-Amz-Signature"))
        }
    }

    @Test func unknownHostIsANameResolutionFailure() async throws {
        let request = HTTPRequest(method: .get, url: "http://tabi-press-test.invalid/", timeouts: HTTPTimeouts(connect: .seconds(5)))
        await #expect { try await client.send(request) } throws: { ($0 as? HTTPError)?.kind == .nameResolution }
    }

    @Test func droppedConnectionIsConnectionLost() async throws {
        await #expect { try await client.send(HTTPRequest(method: .get, url: url("/drop"))) } throws: {
            ($0 as? HTTPError)?.kind == .connectionLost
        }
    }

    @Test func invalidRequestsAreRejectedBeforeSending() async throws {
        let bad = [
            HTTPRequest(method: .get, url: url("/a b")),
            HTTPRequest(method: .get, url: "ftp://example.com/"),
            HTTPRequest(method: .get, url: url("/"), headers: [("X-Bad", "a\r\nInjected: yes")]),
            HTTPRequest(method: .head, url: url("/"), body: .text("x")),
        ]
        for request in bad {
            await #expect { try await client.send(request) } throws: { ($0 as? HTTPError)?.kind == .invalidRequest }
        }
        #expect(try await server.requests().isEmpty)
    }

    @Test func cancellingTheTaskStopsTheTransfer() async throws {
        let client = self.client, url = self.url("/sleep/10000")
        let task = Task { try await client.send(HTTPRequest(method: .get, url: url)) }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        await #expect { try await task.value } throws: { ($0 as? HTTPError)?.kind == .cancelled }
    }

    @Test func descriptionsNeverShowHeaderValuesOrPaths() {
        let request = HTTPRequest(
            method: .put, url: "https://bucket.s3.amazonaws.com/key?X-Amz-Signature=abc",
            headers: [("Authorization", "AWS4-HMAC-SHA256 Signature=deadbeef")])
        for text in [String(describing: request), String(reflecting: request), String(describing: request.headers)] {
            #expect(!text.contains("deadbeef"))
            #expect(!text.contains("X-Amz-Signature"))
        }
        #expect(String(describing: request) == "PUT bucket.s3.amazonaws.com")
    }
}
