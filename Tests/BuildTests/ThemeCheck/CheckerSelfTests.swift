import Foundation
import TestSupport
import Testing

/// Each checker catches a planted defect, so a check that passes means the tool looked: an
/// obsolete `align`, an unlabelled checkbox, a page wider than the phone, an inline script the
/// CSP refuses, a relative feed link, a sitemap address without its scheme, and a data block
/// that is not JSON.
@Suite struct CheckerSelfTests {
    static let head = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Planted</title>
        <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
        <meta name="viewport" content="width=device-width, initial-scale=1"></head>
        """

    @Test func everyCheckerCatchesItsPlantedDefect() async throws {
        let folder = TemporaryFolder("tabi-planted")
        try
            (Self.head + """
                <body><main><h1>Planted</h1>
                <table><tr><td align="right">1</td></tr></table>
                <ul><li><input type="checkbox" disabled> a</li></ul>
                <p>\(String(repeating: "wide", count: 200))</p>
                <script>console.log(1)</script>
                <script type="application/ld+json">{"headline": "</script>
                </main></body></html>
                """).write(to: folder("index.html"), atomically: true, encoding: .utf8)
        try """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
        <entry><title>e</title><id>urn:y</id><updated>2024-01-01T00:00:00Z</updated><link href="trips/a/"/></entry></feed>
        """.write(to: folder("feed.xml"), atomically: true, encoding: .utf8)
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>trips/a/</loc><lastmod>yesterday</lastmod></url></urlset>
        """.write(to: folder("sitemap.xml"), atomically: true, encoding: .utf8)

        let validation = try await ThemeCheckTool.run("vnu", [folder.url.path], as: ThemeCheckTool.Validation.self)
        #expect(validation.errors.contains { $0.message.contains("“align” attribute") }, "\(validation.errors)")

        let browser = try await ThemeCheckTool.run("browser", [folder.url.path, ""], as: ThemeCheckTool.Browser.self)
        let page = try #require(browser.pages.first)
        for engine in browser.axe {
            #expect(
                page.violations.contains { $0.id == "label" && $0.impact == "critical" && $0.engine == engine },
                "axe \(engine) missed the unlabelled checkbox")
        }
        #expect(page.overflow.map(\.width) == [320, 390, 1280])
        #expect(page.console.contains { $0.message?.contains("Content Security Policy") == true }, "\(page.console)")

        let feed = try await ThemeCheckTool.run("feed", [folder.url.path], as: ThemeCheckTool.Feed.self)
        #expect(feed.relativeLinks == ["trips/a/"])
        let sitemap = try await ThemeCheckTool.run("sitemap", [folder.url.path], as: ThemeCheckTool.Sitemap.self)
        #expect(sitemap.problems.count == 2, "\(sitemap.problems)")
        let data = try await #require(
            try JSONSerialization.jsonObject(with: try ThemeCheckTool.output("jsonld", [folder("index.html").path]))
                as? [String: Any])
        #expect((data["problems"] as? [String])?.count == 1)
    }
}
