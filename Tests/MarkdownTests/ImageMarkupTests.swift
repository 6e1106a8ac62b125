import Markdown
import Testing

/// An image prints only as its drawer draws it (with its size); any other becomes a link.
@Suite struct ImageMarkupTests {
    let renderer = MarkdownRenderer()

    /// Records what it was asked and draws only `known:` addresses.
    final class Drawer: @unchecked Sendable {
        var asked: [MarkdownImage] = []
        var draw: MarkdownImageDrawer {
            { image in
                self.asked.append(image)
                guard image.address.hasPrefix("known:") else { return nil }
                return image.standalone ? "<figure>\(image.alt)</figure>" : "<img width=\"4\" height=\"3\">"
            }
        }
    }

    @Test func anImageAloneInItsParagraphIsDrawnInPlaceOfTheParagraph() throws {
        let drawer = Drawer()
        let html = try renderer.html(from: "Before.\n\n  ![A *heron*](known:1)  \n\nAfter.", images: drawer.draw).html
        #expect(html == "<p>Before.</p>\n<figure>A heron</figure>\n<p>After.</p>\n")
        #expect(drawer.asked == [MarkdownImage(address: "known:1", alt: "A heron", standalone: true)])
    }

    @Test func anImageInRunningTextIsDrawnInTheLine() throws {
        let drawer = Drawer()
        let html = try renderer.html(from: "We saw ![a heron](known:2) at dawn.", images: drawer.draw).html
        #expect(html == "<p>We saw <img width=\"4\" height=\"3\"> at dawn.</p>\n")
        #expect(drawer.asked.map(\.standalone) == [false])
    }

    @Test func anImageTheDrawerDoesNotKnowBecomesALinkWithItsText() throws {
        let drawer = Drawer()
        let html = try renderer.html(
            from: "![the *map*](https://example.com/map.png)\n\n![](map.png) and ![x](photo:nope)",
            images: drawer.draw
        ).html
        #expect(
            html == "<p><a href=\"https://example.com/map.png\">the <em>map</em></a></p>\n"
                + "<p><a href=\"map.png\">map.png</a> and x</p>\n", "photo: is no link scheme: its text stays")
        #expect(!html.contains("<img"))
        #expect(drawer.asked.count == 3)
    }

    @Test func withoutADrawerNoImagePrints() throws {
        let html = try renderer.html(from: "![a](https://example.com/a.jpg) [![b](b.jpg)](https://example.com/)").html
        #expect(
            html == "<p><a href=\"https://example.com/a.jpg\">a</a> <a href=\"https://example.com/\">b</a></p>\n",
            "inside a link the image keeps only its text: links do not nest")
    }

    @Test func anImageInATableCellIsItsText() throws {
        let drawer = Drawer()
        let html = try renderer.html(from: "| a |\n|---|\n| ![heron](known:3) ![map](m.png) |", images: drawer.draw).html
        #expect(html.contains("<td>heron <a href=\"m.png\">map</a></td>"), "\(html)")
        #expect(!html.contains("<img"))
    }

    @Test func anImageInsideAnImageIsNotDrawnTwice() throws {
        let drawer = Drawer()
        let html = try renderer.html(from: "![outer ![inner](known:in)](known:out)", images: drawer.draw).html
        #expect(html == "<figure>outer inner</figure>\n")
        #expect(drawer.asked.map(\.address) == ["known:out"])
    }

    @Test func theSummarySkipsAParagraphThatIsOnlyAnImage() throws {
        let drawer = Drawer()
        let rendered = try renderer.html(from: "![A heron](known:1)\n\nThe first words.", images: drawer.draw)
        #expect(rendered.summary == "The first words.")
    }
}
