import Publish
import TabiCore
import Testing

@Suite struct HeaderRulesTests {
    let rules = try! HeaderRules(settings: .defaults)

    @Test func builtInRulesGiveTypesAndCachePoliciesByPath() {
        let page = rules.choice(for: "trips/kyoto/index.html")
        #expect(page == HeaderChoice(contentType: "text/html; charset=utf-8", cacheControl: HeaderRules.short, gzip: true))
        #expect(rules.choice(for: "feed.xml").contentType == "application/atom+xml; charset=utf-8")
        #expect(rules.choice(for: "sitemap.xml").contentType == "application/xml")
        #expect(rules.choice(for: "robots.txt").cacheControl == HeaderRules.short)
        #expect(rules.choice(for: "assets/style.3f2a9c1b.css").cacheControl == HeaderRules.immutable)
        #expect(
            rules.choice(for: "assets/fonts/a.0123abcd.woff2")
                == HeaderChoice(contentType: "font/woff2", cacheControl: HeaderRules.immutable, gzip: false))
        #expect(rules.choice(for: "assets/style.css").cacheControl == HeaderRules.standard, "an unhashed asset is not immutable")
        #expect(
            rules.choice(for: "media/5a/5a5df070c68d290a-w960-1ac93c.webp")
                == HeaderChoice(contentType: "image/webp", cacheControl: HeaderRules.immutable, gzip: false))
        #expect(rules.choice(for: "_tabi/derivatives.json").cacheControl == "no-cache, private")
        #expect(rules.choice(for: "favicon.ico").contentType == "image/vnd.microsoft.icon")
        #expect(rules.choice(for: "downloads/track").contentType == "application/octet-stream")
    }

    @Test func theSitesFirstMatchingRuleSetsWhatItNamesAndBuiltInsFillTheRest() throws {
        let settings = PublishSettings(
            maxDeletes: 10, gzip: true,
            headers: [
                PublishHeaderRule(pattern: "trips/**/*.html", cacheControl: "public, max-age=60"),
                PublishHeaderRule(pattern: "**/*.html", cacheControl: "never used for trips", gzip: false),
                PublishHeaderRule(pattern: "**/*.gpx", contentType: "application/gpx+xml", gzip: true),
            ])
        let rules = try HeaderRules(settings: settings)
        #expect(
            rules.choice(for: "trips/kyoto/index.html")
                == HeaderChoice(contentType: "text/html; charset=utf-8", cacheControl: "public, max-age=60", gzip: true))
        #expect(
            rules.choice(for: "index.html")
                == HeaderChoice(contentType: "text/html; charset=utf-8", cacheControl: "never used for trips", gzip: false))
        #expect(
            rules.choice(for: "maps/route.gpx")
                == HeaderChoice(contentType: "application/gpx+xml", cacheControl: HeaderRules.standard, gzip: true))
    }

    @Test func gzipOffLeavesTextUncompressed() throws {
        let rules = try HeaderRules(settings: PublishSettings(maxDeletes: 1, gzip: false))
        #expect(rules.choice(for: "index.html").gzip == false)
    }

    @Test func theFingerprintNamesTheRules() throws {
        let other = try HeaderRules(
            settings: PublishSettings(maxDeletes: 256, headers: [PublishHeaderRule(pattern: "**", cacheControl: "x")]))
        let noGzip = try HeaderRules(settings: PublishSettings(maxDeletes: 256, gzip: false))
        #expect(rules.fingerprint.count == 16)
        #expect(
            rules.fingerprint == (try HeaderRules(settings: PublishSettings(maxDeletes: 9))).fingerprint, "maxDeletes is not a header rule")
        #expect(Set([rules.fingerprint, other.fingerprint, noGzip.fingerprint]).count == 3)
    }

    @Test func aBadPatternInTabiYmlNamesItsRule() {
        let settings = PublishSettings(maxDeletes: 1, headers: [PublishHeaderRule(pattern: "ok/**"), PublishHeaderRule(pattern: "[bad")])
        #expect { try HeaderRules(settings: settings) } throws: { "\($0)".contains("publish.headers[1].pattern") }
    }

    @Test func onlyCacheableHeadersNeedInvalidation() {
        #expect(rules.choice(for: "index.html").needsInvalidation)
        #expect(!rules.choice(for: "media/a/b.jpg").needsInvalidation)
        #expect(!rules.choice(for: "_tabi/derivatives.json").needsInvalidation)
    }

    @Test func tabiYmlPublishSettingsDecodeWithDefaults() throws {
        let config = try SiteConfig(
            yaml: """
                publish:
                  gzip: false
                  headers:
                    - pattern: "**/*.pdf"
                      contentType: application/pdf
                """)
        #expect(config.publish.maxDeletes == 256)
        #expect(config.publish.gzip == false)
        #expect(config.publish.headers == [PublishHeaderRule(pattern: "**/*.pdf", contentType: "application/pdf")])
        #expect(SiteConfig.defaults.publish.gzip)
    }
}
