import Publish
import Testing

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("**/*.html", "index.html", true), ("**/*.html", "trips/kyoto/index.html", true), ("**/*.html", "a.htm", false),
        ("*.html", "index.html", true), ("*.html", "trips/index.html", false),
        ("media/**", "media/5a/x.webp", true), ("media/**", "assets/media/x", false),
        ("assets/**/*.css", "assets/style.css", true), ("assets/**/*.css", "assets/fonts/a.css", true),
        ("trips/?/index.html", "trips/a/index.html", true), ("trips/?/index.html", "trips/ab/index.html", false),
        ("**/*.{html,xml}", "feed.xml", true), ("**/*.{html,xml}", "x/y.json", false),
        ("a/[0-9][0-9].txt", "a/42.txt", true), ("a/[!0-9].txt", "a/4.txt", false), ("a/[!0-9].txt", "a/x.txt", true),
        ("a.b", "axb", false), ("(x)+", "(x)+", true),
    ])
    func matchesWholePaths(pattern: String, path: String, expected: Bool) throws {
        #expect(try GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }

    @Test func unclosedClassesAndBracesAreRefusedNamingThePattern() {
        #expect(throws: GlobPatternError.self) { try GlobPattern("a/[0-9.txt") }
        do {
            _ = try GlobPattern("**/*.{html,xml")
            Issue.record("an unclosed brace compiled")
        } catch {
            #expect(error.description.contains("**/*.{html,xml"))
        }
    }
}
