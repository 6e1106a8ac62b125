import Testing

@testable import TabiCore

@Suite struct SiteConfigTests {
    @Test func missingKeysTakeTheDefaults() throws {
        let config = try SiteConfig(yaml: "title: My Trips\nimages:\n  widths: [320, 640]\n")
        #expect(config.title == "My Trips")
        #expect(config.images.widths == [320, 640])
        #expect(config.images.thumbnail == SiteConfig.defaults.images.thumbnail)
        #expect(config.baseURL == SiteConfig.defaults.baseURL)
    }

    @Test func aWrongTypeNamesTheKey() {
        #expect { try SiteConfig(yaml: "images:\n  widths: lots\n") } throws: { error in
            (error as? ConfigError)?.field?.hasPrefix("images.widths") == true
        }
    }
}

@Suite struct ImageLimitsTests {
    @Test func limitsDefaultAndAreSetUnderImages() throws {
        #expect(SiteConfig.defaults.imageLimits == ImageLimits(maxPixels: 100_000_000, maxBytes: 52_428_800))
        let config = try SiteConfig(yaml: "images:\n  maxPixels: 24000000\n  widths: [640]\n")
        #expect(config.imageLimits == ImageLimits(maxPixels: 24_000_000, maxBytes: 52_428_800))
        #expect(config.images.widths == [640])
        #expect(try SiteConfig(yaml: "images: {maxBytes: 1024}\n").imageLimits.maxBytes == 1024)
        #expect(try SiteConfig(yaml: "title: T\n").imageLimits == .defaults)
    }

    @Test func aWrongOrNonPositiveLimitNamesTheKey() {
        let wrongType = #expect(throws: ConfigError.self) { try SiteConfig(yaml: "images:\n  maxPixels: lots\n") }
        #expect(wrongType?.field == "images.maxPixels")
        #expect(wrongType?.description.hasPrefix("tabi.yml: images.maxPixels expected Int") == true)
        let zero = #expect(throws: ConfigError.self) { try SiteConfig(yaml: "images:\n  maxBytes: 0\n") }
        #expect(zero?.description == "tabi.yml: images.maxBytes must be at least 1, not 0")
    }

    @Test func thePageSizeDefaultsAndIsBounded() throws {
        #expect(try SiteConfig(yaml: "title: x\n").pagination.pageSize == 20)
        #expect(try SiteConfig(yaml: "pagination:\n  pageSize: 7\n").pagination.pageSize == 7)
        for size in ["0", "501", "-3"] {
            let error = #expect(throws: ConfigError.self) { try SiteConfig(yaml: "pagination:\n  pageSize: \(size)\n") }
            #expect(error?.description == "tabi.yml: pagination.pageSize must be from 1 to 500, not \(size)")
        }
    }
}

@Suite struct SiteConfigKeysTests {
    @Test func theKeysTheFileSetAreKnown() throws {
        #expect(try SiteConfig(yaml: "title: T\nimages: {widths: [100]}\n").specifiedKeys == ["title", "images"])
        #expect(try SiteConfig(yaml: "title: T\n").specifiedKeys == ["title"])
        // Limits alone do not make the site's recipes replace a theme's.
        #expect(try SiteConfig(yaml: "title: T\nimages: {maxPixels: 5}\n").specifiedKeys == ["title"])
        #expect(try SiteConfig(yaml: "images: {maxPixels: 5, sizes: 100vw}\n").specifiedKeys == ["images"])
    }
}
