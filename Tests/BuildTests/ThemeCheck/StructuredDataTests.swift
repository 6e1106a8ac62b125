import Foundation
import Testing

/// The JSON-LD `BlogPosting` of trip pages, read back by Python's `json` from the HTML as a
/// browser splits it: a hostile title stays inside its data block.
@Suite struct StructuredDataTests {
    @Test func aHostileTitleStaysInsideTheJSONLDBlock() async throws {
        let site = try await CheckedSites.shared.generatedSite()
        let page = site.page("trips/\(CheckedSites.Trip.hostile)/")
        let blocks = try await Self.blocks(of: page)
        // One <script> on the page: `</script>` in the title did not end the block and start another.
        #expect(blocks.scripts == 1)
        let posting = try #require(blocks.postings.first)
        #expect(posting["@type"] as? String == "BlogPosting")
        #expect(posting["headline"] as? String == CheckedSites.Trip.hostileTitle)
        #expect((posting["author"] as? [String: Any])?["name"] as? String == "</script><img src=x onerror=alert(2)>")
        #expect((posting["description"] as? String)?.hasPrefix("</script><script>alert(3)</script>") == true)
        #expect(posting["keywords"] as? String == "</script>, a b", "tags are plain text: U+2028 is a space")
        let html = try String(contentsOf: page, encoding: .utf8)
        let block = try #require(html.range(of: "<script type=\"application/ld+json\">").map { html[$0.upperBound...] })
        let json = block[..<(try #require(block.range(of: "</script>"))).lowerBound]
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            #expect(!json.unicodeScalars.contains(raw.unicodeScalars.first!), "raw \(raw.debugDescription) in the data block")
        }
        #expect(json.contains("\\u003c/script\\u003e"))
        #expect(json.contains("\\\"\u{301}"), "the quote before U+0301 is escaped on its own")
    }

    @Test func tripPagesDescribeThemselvesAsABlogPosting() async throws {
        let site = try await CheckedSites.shared.demoSite()
        let posting = try await #require(try Self.blocks(of: site.page(site.trips[0])).postings.first)
        #expect(posting["headline"] as? String == "Autumn on Foot: From the Basque Hills to the Picos de Europa")
        #expect(posting["url"] as? String == "http://localhost:8000/trips/autumn-on-foot-basque-country-to-picos/")
        #expect(posting["datePublished"] as? String == "2024-10-12T00:00:00Z")
        let image = try #require(posting["image"] as? [String: Any])
        #expect((image["url"] as? String)?.hasPrefix("http://localhost:8000/media/") == true)
        #expect((image["width"] as? Int ?? 0) > 0 && (image["height"] as? Int ?? 0) > 0)
        // Listings carry none.
        #expect(try await Self.blocks(of: site.page(site.home)).scripts == 0)
    }

    /// The page's `<script>` count and its JSON-LD blocks as Python's `json` parsed them.
    static func blocks(of page: URL) async throws -> (scripts: Int, postings: [[String: Any]]) {
        let output = try await ThemeCheckTool.output("jsonld", [page.path])
        let answer = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
        let problems = answer["problems"] as? [String] ?? []
        #expect(problems.isEmpty, "\(problems)")
        return (answer["scripts"] as? Int ?? -1, answer["blocks"] as? [[String: Any]] ?? [])
    }
}
