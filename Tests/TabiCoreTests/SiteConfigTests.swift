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

@Suite struct SiteConfigKeysTests {
    @Test func theKeysTheFileSetAreKnown() throws {
        #expect(try SiteConfig(yaml: "title: T\nimages: {widths: [100]}\n").specifiedKeys == ["title", "images"])
        #expect(try SiteConfig(yaml: "title: T\n").specifiedKeys == ["title"])
    }
}
