import Foundation
import TabiCore
import Testing

@testable import Render

/// Photos are responsive `<picture>`s, sized to avoid layout shift, lazy, described, and left
/// out when their renditions are missing.
@Suite struct PhotoMarkupTests {
    func image(alt: String, in html: String) throws -> String {
        try #require(Markup.tags("img", in: html).first { Markup.attribute("alt", of: $0) == alt }, "no <img alt=\"\(alt)\">")
    }

    @Test func postPhotoIsAPictureWithWebPSourceAndJPEGFallback() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let figure = try #require(
            page.components(separatedBy: "<figure class=\"photo\">")
                .first { $0.contains("Torii gates at first light") })
        let source = try #require(Markup.tags("source", in: figure).first)
        #expect(Markup.attribute("type", of: source) == "image/webp")
        #expect(
            Markup.attribute("srcset", of: source)
                == [480, 960, 1600]
                .map { "../../media/photo-fu/photo-fushimi-w\($0).webp \($0)w" }.joined(separator: ", "))
        #expect(Markup.attribute("sizes", of: source) == ImageRecipes.defaults.sizes)

        let img = try image(alt: "Torii gates at first light", in: figure)
        #expect(Markup.attribute("src", of: img) == "../../media/photo-fu/photo-fushimi-medium.jpg")
        #expect(
            Markup.attribute("srcset", of: img)?.hasPrefix(
                "../../media/photo-fu/photo-fushimi-w480.jpg 480w, "
                    + "../../media/photo-fu/photo-fushimi-medium.jpg 800w") == true)
        #expect(Markup.attribute("sizes", of: img) == ImageRecipes.defaults.sizes)
        #expect(Markup.attribute("width", of: img) == "800")
        #expect(Markup.attribute("height", of: img) == "600")
        #expect(Markup.attribute("loading", of: img) == "lazy")
        #expect(Markup.attribute("decoding", of: img) == "async")
        #expect(figure.contains("<figcaption dir=\"auto\">Torii gates at first light</figcaption>"))
    }

    @Test func photoWithoutCaptionGetsANeutralAltAndNoCaption() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        let img = try image(alt: "Photo from Fushimi Inari at dawn", in: page)
        #expect(Markup.attribute("src", of: img) == "../../media/photo-su/photo-summit-medium.jpg")
        var untitled = TripFixtures.lisbon
        untitled.trip.posts[0].title = nil
        untitled.trip.posts[0].photos[0].caption = "  "
        let other = try RenderedSite.fixtures(trips: [untitled]).page("spring-in-lisbon")
        _ = try image(alt: "Photo from Spring in Lisbon, 10 April 2024", in: other)
        #expect(!other.contains("<figcaption>"))
    }

    @Test func everyImageHasAltAndSize() throws {
        for (path, html) in try RenderedSite.fixtures().htmlPages {
            for img in Markup.tags("img", in: html) {
                #expect(Markup.attribute("alt", of: img) != nil, "\(path): \(img)")
                #expect(Markup.attribute("width", of: img) != nil && Markup.attribute("height", of: img) != nil, "\(path): \(img)")
            }
        }
    }

    @Test func photoWithoutRenditionsIsLeftOutNotAnError() throws {
        let page = try RenderedSite.fixtures().page("autumn-in-kyoto")
        #expect(!page.contains("photo-broken"))
        #expect(!page.contains("Never processed"))
        #expect(page.contains("A polite deer"), "the post's other photo stays")
        // With no renditions at all, pages still render, without any picture.
        let bare = try RenderedSite.fixtures(renditions: [:])
        #expect(Markup.tags("picture", in: bare.page("autumn-in-kyoto")).isEmpty)
        #expect(bare.page("autumn-in-kyoto").contains("Fushimi Inari at dawn"))
    }

    @Test func coverIsFrontMatterThenTripCoverThenFirstPhotoWithRenditions() throws {
        func ogImage(_ trip: TripContent, renditions: [String: PhotoRenditions] = TripFixtures.renditions) throws -> String? {
            let page = try RenderedSite.fixtures(trips: [trip], renditions: renditions).page(trip.trip.slug)
            return Markup.matches("<meta property=\"og:image\" content=\"([^\"]+)\">", in: page).first?[1]
        }
        let base = "https://travel.example.com/blog/media/"
        var kyoto = TripFixtures.kyoto
        #expect(try ogImage(kyoto) == base + "photo-de/photo-deer-medium.jpg")  // front matter cover
        kyoto.story?.frontMatter.cover = "photo-of-another-trip"
        #expect(try ogImage(kyoto) == base + "photo-fu/photo-fushimi-medium.jpg")  // trip.coverPhotoId
        kyoto.trip.coverPhotoId = "photo-broken"
        #expect(try ogImage(kyoto) == base + "photo-st/photo-station-medium.jpg")  // first photo, oldest post
        #expect(try ogImage(kyoto, renditions: [:]) == nil)
    }

    @Test func themeImageRecipesSetTheSizesAttribute() throws {
        let folder = try ThemeCopy()
        try folder.write("theme.yml", "images:\n  sizes: \"(min-width: 40rem) 40rem, 100vw\"\n")
        let theme = try Theme.load(from: folder.url)
        let files = try SiteRenderer(config: TripFixtures.config, theme: theme)
            .renderTrip(TripFixtures.lisbon, renditions: TripFixtures.renditions).files
        let page = String(decoding: files[0].data, as: UTF8.self)
        #expect(page.contains("sizes=\"(min-width: 40rem) 40rem, 100vw\""))
        #expect(!page.contains(ImageRecipes.defaults.sizes))
    }
}
