import Testing

@testable import TabiCore

@Suite struct SlugTests {
    @Test func latinTitlesBecomeLowerCaseDashedSlugs() {
        #expect(Slug.make(from: "Two Weeks in Hokkaidō!") == "two-weeks-in-hokkaido")
        #expect(Slug.make(from: "  Café  &  Crème --- ") == "cafe-creme")
    }

    @Test func nonLatinTitlesAreTransliterated() {
        #expect(Slug.make(from: "Москва зимой") == "moskva-zimoj")
        #expect(Slug.make(from: "東京") == "dong-jing")
    }

    @Test func hostileTitlesNeverMakeAPath() throws {
        let expected: [(String, String?)] = [
            ("../../etc", "etc"), ("/etc/passwd", "etc-passwd"), ("..", nil), ("a/../../b", "a-b"), ("\u{0}x", "x"),
            ("C:\\Windows", "c-windows"), ("🏖️🌊", nil),
        ]
        for (title, slug) in expected {
            #expect(Slug.make(from: title) == slug, "\(title)")
            if let slug { #expect(Slug.isValid(slug)) }
        }
    }

    /// Found by fuzz-paths: the dash before a word's first character took the slug one past the limit.
    @Test func aSlugIsNeverLongerThanItsLimit() {
        let title = String(repeating: "a", count: 79) + " b"
        #expect(Slug.make(from: title) == String(repeating: "a", count: 79))
        #expect(Slug.make(from: "ab cd", maximumLength: 4) == "ab-c")
        #expect(Slug.make(from: "ab cd", maximumLength: 3) == "ab")
        #expect(Slug.make(from: "ab", maximumLength: 0) == nil)
    }

    @Test func validityFollowsThePattern() {
        #expect(Slug.isValid("kyoto-2024"))
        #expect(!Slug.isValid("-kyoto"))
        #expect(!Slug.isValid("Kyoto"))
        #expect(!Slug.isValid(".."))
        #expect(!Slug.isValid(""))
        #expect(!Slug.isValid("a_b"))
    }
}
