import HTTPClient
import Testing

@Suite struct HTTPHeadersTests {
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
}
