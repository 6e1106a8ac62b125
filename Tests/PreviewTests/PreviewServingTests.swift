import Foundation
import Testing

@testable import Preview

/// What the preview server serves and says, without a server: request paths that stay in the
/// site, the script tag added to pages only, and events no text can break out of.
@Suite struct PreviewServingTests {
    @Test func requestPathsStayInsideTheSite() {
        #expect(SiteFolder.sitePath("/") == "")
        #expect(SiteFolder.sitePath("/trips/kyoto/") == "trips/kyoto")
        #expect(SiteFolder.sitePath("/trips/kyoto/index.html?x=1") == "trips/kyoto/index.html")
        #expect(SiteFolder.sitePath("/media/%C3%A9t%C3%A9.jpg") == "media/été.jpg")
        for hostile in [
            "/../etc/passwd", "/%2e%2e/etc/passwd", "/trips/%2E%2E%2F%2E%2E%2Fsecret", "/.hidden", "/a/%00b",
            "/a\\..\\b", "/trips/\u{301}/../x", "/%ZZ",
        ] {
            #expect(SiteFolder.sitePath(hostile) == nil, "\(hostile)")
        }
    }

    @Test func onlyHTMLGetsTheReloadScriptBeforeItsHeadEnds() {
        let page = Data("<html><head><title>x</title></head><body>b</body></html>".utf8)
        #expect(
            String(decoding: SiteFolder.withReloadScript(page), as: UTF8.self)
                == "<html><head><title>x</title><script src=\"/_preview/reload.js\" defer></script></head><body>b</body></html>")
    }

    @Test func anEventsTextCannotEndItOrStartAnother() {
        let event = PreviewBuilds.event("failed", "line one\n\nevent: reload\r\ndata: x")
        #expect(event == "event: failed\ndata: line one\ndata: \ndata: event: reload\ndata: \ndata: data: x\n\n")
        // One blank line, at the end: one event.
        #expect(event.components(separatedBy: "\n\n").count == 2)
    }

    @Test func aPageHearsOfEachBuildAndOfTheLastOnesFailures() async {
        let builds = PreviewBuilds()
        var events = await builds.subscribe().makeAsyncIterator()
        #expect(await events.next() == "event: hello\ndata: 0\n\n")
        await builds.finished(failures: ["trip kyoto, story.md: too deep"])
        #expect(await events.next() == "event: reload\ndata: 1\n\n")
        var later = await builds.subscribe().makeAsyncIterator()
        #expect(await later.next() == "event: hello\ndata: 1\n\n")
        #expect(await later.next() == "event: failed\ndata: trip kyoto, story.md: too deep\n\n")
    }
}
