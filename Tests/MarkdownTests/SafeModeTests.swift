import Testing

@testable import Markdown

/// Untrusted Markdown must not be able to put script, markup or dangerous addresses on a page.
@Suite struct SafeModeTests {
    let renderer = MarkdownRenderer()

    @Test(arguments: [
        "<script>alert(1)</script>",
        "Hello <script>alert(1)</script> world",
        "<img src=x onerror=alert(1)>",
        "text <img src=x onerror=alert(1)> more",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div onclick=\"alert(1)\">\nblock\n</div>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<style>body{display:none}</style>",
        "<!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
    ])
    func rawHTMLNeverReachesThePage(markdown: String) throws {
        let html = try renderer.html(from: markdown).html
        for tag in ["<script", "<img", "<iframe", "<div", "<svg", "<style", "<a ", "<!--", "<?", "<![CDATA"] {
            #expect(!html.lowercased().contains(tag), "\(tag) survived in \(html)")
        }
        #expect(!HTMLInspection.hasEventHandler(html))
    }

    @Test func rawHTMLIsDroppedButItsTextStays() throws {
        let html = try renderer.html(from: "Be <b>bold</b> here").html
        #expect(html == "<p>Be bold here</p>\n")
    }

    @Test(arguments: [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](<  javascript:alert(1)>)",
        "[x](<\tjavascript:alert(1)>)",
        "[x](jav&#x61;script:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](java&#10;script:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](VBScript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](data:image/png;base64,iVBORw0KGgo=)",
        "[x](file:///etc/passwd)",
        "<javascript:alert(1)>",
        "<JaVaScRiPt:alert(1)>",
        "<data:text/html,hi>",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "![x](javascript:alert(1))",
        "![x](data:image/png;base64,iVBORw0KGgo=)",
        "![x](DATA:image/svg+xml,<svg onload=alert(1)>)",
        "![x](file:///etc/passwd)",
    ])
    func dangerousAddressesAreNeutralised(markdown: String) throws {
        let html = try renderer.html(from: markdown).html
        #expect(!HTMLInspection.hasDangerousAddress(html), "\(markdown) gave \(html)")
        #expect(!html.contains("<a "), "the link should be unwrapped: \(html)")
        #expect(!html.contains("<img"), "the image should become its alt text: \(html)")
    }

    @Test func neutralisedLinksKeepTheirTextAndImagesTheirAltText() throws {
        let html = try renderer.html(from: "[click *me*](javascript:alert(1)) ![a photo](data:image/png;base64,AA)").html
        #expect(html == "<p>click <em>me</em> a photo</p>\n")
    }

    @Test(arguments: [
        ("[x](https://example.com/a?b=1&c=2)", "href=\"https://example.com/a?b=1&amp;c=2\""),
        ("[x](http://example.com)", "href=\"http://example.com\""),
        ("[x](mailto:someone@example.com)", "href=\"mailto:someone@example.com\""),
        ("[x](/trips/kyoto/)", "href=\"/trips/kyoto/\""),
        ("[x](#day-2)", "href=\"#day-2\""),
        ("[x](../other/)", "href=\"../other/\""),
        ("[x](javascript-notes.html)", "href=\"javascript-notes.html\""),
        ("![x](https://example.com/a.jpg)", "<a href=\"https://example.com/a.jpg\">x</a>"),
        ("![x](photo.jpg)", "<a href=\"photo.jpg\">x</a>"),
    ])
    func safeAddressesAreKept(markdown: String, attribute: String) throws {
        #expect(try renderer.html(from: markdown).html.contains(attribute))
    }

    /// HTML forbids them (the Nu HTML Checker reports each); tab, line feed and carriage return stay.
    @Test func controlCharactersNeverReachThePage() throws {
        let html = try renderer.html(from: "a\u{1}b\u{7F}c\u{85}d\u{9F}e\u{FFFE}f\u{FFFF}g\u{0}h `x\u{1B}y`\tz\r\nnext").html
        #expect(html == "<p>abcdefg\u{FFFD}h <code>xy</code>\tz\nnext</p>\n")
        #expect(try renderer.html(from: "é ü \u{80}\u{A0}ok").html == "<p>é ü \u{A0}ok</p>\n", "U+00A0 is no control")
    }

    @Test func schemeReadingFollowsTheBrowser() throws {
        #expect(LinkPolicy.scheme(of: " \u{1}JavaScript:x") == "javascript")
        #expect(LinkPolicy.scheme(of: "ja\nva\tscript:x") == "javascript")
        #expect(LinkPolicy.scheme(of: "java script:x") == nil)  // a space is a relative path
        #expect(LinkPolicy.scheme(of: "/a:b") == nil)
        #expect(LinkPolicy.scheme(of: "1http:x") == nil)
        #expect(LinkPolicy.allows("tel:+81-3-0000") && !LinkPolicy.allows("tel:1", isImage: true))
    }

    @Test func titlesAndCodeAreEscaped() throws {
        let html = try renderer.html(from: "[x](/a \"\\\"><script>\") `<b onclick=1>`\n\n```\n</code><script>\n```").html
        #expect(!html.contains("<script"))
        #expect(!HTMLInspection.hasEventHandler(html))
        #expect(html.contains("&lt;b onclick=1&gt;"))
    }
}
