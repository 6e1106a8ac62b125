import Build
import Foundation
import TestSupport
import Testing
import Vips

/// What a reader gets: listings that respect visibility, pages safe under a strict CSP, and
/// images without a trace of where they were taken.
@Suite struct SiteOutputTests {
    @Test func unlistedTripsHaveANoindexPageAndNoListing() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let page = try site.text("trips/secret-garden/index.html")
        #expect(page.contains("noindex"))
        for listing in ["index.html", "feed.xml", "sitemap.xml"] {
            let text = try site.text(listing)
            #expect(!text.contains("secret-garden") && !text.contains("Secret Garden"), "\(listing)")
            #expect(text.contains("coast-walk"), "\(listing)")
        }
        let home = try site.text("index.html")
        let coast = try #require(home.range(of: "Coast Walk")), city = try #require(home.range(of: "City Break"))
        #expect(coast.lowerBound < city.lowerBound, "newest trip first")
    }

    @Test func noPageHasAnInlineScriptOrHandler() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let pages = try FolderFiles.contents(under: site.output).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count == 5)
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            // A JSON-LD data block is not a script: browsers never run it.
            let scripts = HTMLScan.startTags(in: html).filter { $0.name == "script" && !HTMLScan.isDataBlock($0) }
            #expect(scripts.isEmpty, "\(path)")
            #expect(html.range(of: #"\son[a-z]+\s*="#, options: [.regularExpression, .caseInsensitive]) == nil, "\(path)")
        }
    }

    @Test func tripPagesServeResponsivePicturesOfRealDerivatives() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let html = try site.text("trips/coast-walk/index.html")
        #expect(html.contains("<picture>") && html.contains("type=\"image/webp\"") && html.contains("srcset=\""))
        #expect(html.contains("loading=\"lazy\""))
        let sources = html.matches(of: /(?:src|srcset)="([^"]+)"/).flatMap {
            String($0.1).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: " ")[0] }
        }
        #expect(!sources.isEmpty)
        for source in sources where source.contains("media/") {
            let path = source.replacingOccurrences(of: "../../", with: "")
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(String(path)).path), "\(path)")
        }
    }

    @Test func noImageInTheOutputCarriesGPSOrEXIF() async throws {
        let site = try SiteFixture()
        _ = try await site.build()
        let images = try FolderFiles.contents(under: site.output).filter { $0.key.hasPrefix("media/") }
        #expect(images.count > 20)
        for (path, data) in images {
            let fields = try VipsInput(bytes: data).header().fields
            #expect(!fields.contains { $0.lowercased().contains("gps") || $0.hasPrefix("exif-") }, "\(path): \(fields)")
            #expect(data.range(of: Data("GPS".utf8)) == nil || !path.hasSuffix(".jpg"), "\(path)")
        }
        // A square thumbnail of every photo: 300×300, or as large a square as a small original gives.
        let thumbnails = images.keys.filter { $0.contains("-300x300c-") }
        #expect(thumbnails.count == 5)  // five distinct originals (small.jpg is shared by two trips)
        let sizes = try thumbnails.map { path in
            let header = try VipsInput(bytes: images[path]!).header()
            return [header.width, header.height]
        }
        // landscape 1000×666, rotated 400×600 and alpha 400×300 fill the box; cmyk 400×271 and
        // small 240×160 give the largest square they hold, never enlarged.
        #expect(sizes.sorted { $0[0] > $1[0] } == [[300, 300], [300, 300], [300, 300], [271, 271], [160, 160]])
    }
}
