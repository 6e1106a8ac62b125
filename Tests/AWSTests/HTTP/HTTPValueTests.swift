import HTTPClient
import Testing

@Suite struct HTTPValueTests {
    @Test func lookupIgnoresCaseAndKeepsOrder() {
        var headers: HTTPHeaders = [("Content-Type", "text/html"), ("X-A", "1"), ("x-a", "2")]
        #expect(headers["content-type"] == "text/html")
        #expect(headers.values(for: "X-a") == ["1", "2"])
        headers.set("X-A", "3")
        #expect(headers.names == ["Content-Type", "X-A"])
        #expect(headers["x-a"] == "3")
        headers.remove("CONTENT-TYPE")
        #expect(!headers.contains("content-type"))
        headers.add("X-B", "4")
        #expect(headers.map(\.name) == ["X-A", "X-B"])
        #expect(headers["missing"] == nil)
    }

    @Test func urlPartsAreSplitWithoutDecoding() throws {
        let parts = try #require(HTTPURLParts("HTTPS://Bucket.Example.com:8443/a%3Ab/../c?x=%2B&y#frag"))
        #expect(parts.scheme == "https")
        #expect(parts.host == "bucket.example.com")
        #expect(parts.port == 8443)
        #expect(parts.path == "/a%3Ab/../c")
        #expect(parts.query == "x=%2B&y")
        #expect(parts.authority == "bucket.example.com:8443")
        #expect(HTTPURLParts("http://[fd00:ec2::254]/latest")?.host == "[fd00:ec2::254]")
        #expect(HTTPURLParts("http://[::1]:8080")?.port == 8080)
        #expect(HTTPURLParts("http://127.0.0.1")?.path == "")
        for bad in ["ftp://host/", "http://", "http://user:pw@host/", "http://host:99999/", "http://host:x/", "host/path"] {
            #expect(HTTPURLParts(bad) == nil, "\(bad)")
        }
    }
}
