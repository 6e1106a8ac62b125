import Foundation
import TabiCore
import TestSupport
import Testing

@testable import Render

/// Pages in the site's `language`: dates in each language's own forms, and the theme's words
/// from its strings files, falling back key by key to English.
@Suite struct SiteWordsTests {
    private func day(_ text: String) -> CalendarDate { CalendarDate(text)! }

    private func words(_ language: String) throws -> SiteWords {
        SiteWords(language: language, strings: try Theme.load(from: RepositoryPaths.defaultTheme).strings)
    }

    @Test(arguments: [
        (
            "en",
            [
                "2 November 2024", "1 November 2024", "2–9 November 2024", "28 October – 3 November 2024",
                "28 December 2024 – 3 January 2025", "From 2 November 2024", "Until 2 November 2024",
            ]
        ),
        (
            "fr",
            [
                "2 novembre 2024", "1er novembre 2024", "2–9 novembre 2024", "28 octobre – 3 novembre 2024",
                "28 décembre 2024 – 3 janvier 2025", "Depuis le 2 novembre 2024", "Jusqu’au 2 novembre 2024",
            ]
        ),
        (
            "de",
            [
                "2. November 2024", "1. November 2024", "2.–9. November 2024", "28. Oktober – 3. November 2024",
                "28. Dezember 2024 – 3. Januar 2025", "Ab 2. November 2024", "Bis 2. November 2024",
            ]
        ),
        (
            "es",
            [
                "2 de noviembre de 2024", "1 de noviembre de 2024", "2–9 de noviembre de 2024",
                "28 de octubre – 3 de noviembre de 2024", "28 de diciembre de 2024 – 3 de enero de 2025",
                "Desde el 2 de noviembre de 2024", "Hasta el 2 de noviembre de 2024",
            ]
        ),
        (
            "ja",
            [
                "2024年11月2日", "2024年11月1日", "2024年11月2日～9日", "2024年10月28日～11月3日",
                "2024年12月28日～2025年1月3日", "2024年11月2日から", "2024年11月2日まで",
            ]
        ),
    ])
    func datesTakeEachLanguagesForms(language: String, expected: [String]) throws {
        let words = try words(language)
        let shown = [
            words.day(day("2024-11-02")), words.day(day("2024-11-01")),
            words.range(from: day("2024-11-02"), to: day("2024-11-09")),
            words.range(from: day("2024-10-28"), to: day("2024-11-03")),
            words.range(from: day("2024-12-28"), to: day("2025-01-03")),
            words.range(from: day("2024-11-02"), to: nil), words.range(from: nil, to: day("2024-11-02")),
        ]
        #expect(shown == expected)
        #expect(words.range(from: day("2024-11-02"), to: day("2024-11-02")) == words.day(day("2024-11-02")))
        #expect(words.range(from: nil, to: nil) == nil)
    }

    @Test func aRegionalTagTakesItsLanguageAndAnUnknownOneEnglish() throws {
        #expect(try words("fr-CA").day(day("2024-11-02")) == "2 novembre 2024")
        #expect(try words("de_AT")("all_trips") == "Alle Reisen")
        #expect(try words("pt-BR").day(day("2024-11-02")) == "2 November 2024")
        #expect(try words("pt-BR")("all_trips") == "All trips")
    }

    /// Placeholders are filled in one pass: a value is never read for placeholders itself, so
    /// the result does not depend on which value goes in first, and a tag named `{site}` stays so.
    @Test func placeholdersAreFilledOnceWhateverTheValuesHold() {
        let values = ["tag": "{site} & {tag}", "site": "My é\u{301} blog"]
        #expect(SiteWords.fill("Trips tagged {tag} on {site}.", values) == "Trips tagged {site} & {tag} on My é\u{301} blog.")
        #expect(SiteWords.fill("{{tag}} {unknown} {} {site", ["tag": "t"]) == "{t} {unknown} {} {site")
        #expect(SiteWords.fill("no placeholder", values) == "no placeholder")
        #expect(SiteWords.fill("{site}{site}", values) == "My é\u{301} blogMy é\u{301} blog")
    }

    @Test func pluralsFollowTheLanguagesRule() throws {
        let en = try words("en"), fr = try words("fr"), ja = try words("ja")
        #expect([0, 1, 2].map { en.count("post_count", $0) } == ["0 posts", "1 post", "2 posts"])
        // French counts 0 with 1; Japanese has one form.
        #expect([0, 1, 2].map { fr.count("post_count", $0) } == ["0 billet", "1 billet", "2 billets"])
        #expect([1, 2].map { ja.count("day_count", $0) } == ["1日間", "2日間"])
    }

    @Test func everyShippedLanguageHasEveryKeyAndItsMarks() throws {
        let theme = try Theme.load(from: RepositoryPaths.defaultTheme)
        #expect(Set(theme.strings.languages.keys) == ["fr", "de", "es", "ja"])
        for (language, table) in theme.strings.languages {
            #expect(Set(table.keys) == Set(SiteWords.english.keys), "\(language)")
            for (key, english) in SiteWords.english {
                let translated = try #require(table[key], "\(language).\(key)")
                #expect(marks(english) == marks(translated), "\(language).\(key): \(translated)")
            }
        }
    }

    private func marks(_ word: ThemeWord) -> Set<String> {
        let text: String
        switch word {
        case .text(let value): text = value
        case .plural(let one, let other): text = (one ?? "") + other
        }
        return Set(
            text.split(separator: "{", omittingEmptySubsequences: false).dropFirst().compactMap {
                $0.split(separator: "}").first.map(String.init)
            })
    }

    @Test func aFrenchSiteIsFrenchOnEveryPage() throws {
        var config = TripFixtures.config
        config.language = "fr"
        let site = try RenderedSite.fixtures(config: config)
        let page = site.page("autumn-in-kyoto")
        #expect(page.contains("<a href=\"../../\">Tous les voyages</a>"))
        #expect(page.contains("<time datetime=\"2024-11-02\">2–6 novembre 2024</time>"))
        #expect(page.contains(">Aller au contenu</a>"))
        #expect(!page.contains("From the road") && !page.contains("All trips"))
        #expect(site.text("404.html").contains("<h1>Page introuvable</h1>"))
        #expect(site.text("index.html").contains("<html lang=\"fr\">"))
    }

    @Test func aThemesOwnStringsOverrideKeyByKeyAndAreChecked() throws {
        let copy = try ThemeCopy()
        try copy.write("strings/en.yml", "all_trips: Every journey\nfooter_note: Made with care\n")
        try copy.append("templates/404.mustache", "<p>{{site.words.footer_note}}</p>\n")
        let theme = try Theme.load(from: copy.url)
        let french = SiteWords(language: "fr", strings: theme.strings)
        #expect(SiteWords(language: "en", strings: theme.strings)("all_trips") == "Every journey")
        #expect(french("all_trips") == "Tous les voyages", "the language's own file wins over en.yml")
        #expect(french("footer_note") == "Made with care", "a key the language lacks comes from en.yml")

        try copy.append("templates/trip.mustache", "<p>{{site.words.all_trip}}</p>\n")
        let typo = try #require(throws: ThemeError.self) { try Theme.load(from: copy.url) }
        #expect(typo == .unknownWord(file: copy.url.appendingPathComponent("templates/trip.mustache").path, key: "all_trip"))
    }

    @Test func aBadStringsFileNamesTheFileAndTheProblem() throws {
        for (text, reason) in [
            ("All Trips: x\n", "is not lower_snake_case"), ("a: &x [1]\nb: *x\n", "anchors and aliases are not allowed"),
            ("posts: {one: x}\n", "other"),
        ] {
            let copy = try ThemeCopy()
            try copy.write("strings/fr.yml", text)
            let error = try #require(throws: ThemeError.self) { try Theme.load(from: copy.url) }
            guard case .invalidStrings(let file, let why) = error else {
                Issue.record("\(error)")
                continue
            }
            #expect(file.hasSuffix("strings/fr.yml"))
            #expect(why.contains(reason), "\(why)")
        }
    }
}
