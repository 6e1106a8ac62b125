import Testing

@testable import TabiCore

@Suite struct StoryTests {
    @Test func frontMatterAndBodyAreSplit() throws {
        let story = try Story(
            parsing: """
                ---
                title: "Autumn in Kyoto"
                summary: Temples and tea
                cover: 6f1c
                date: 2024-11-02
                tags: [japan, autumn]
                draft: false
                narrator: {kind: offline}
                ---
                # Day one

                Text.
                """)
        #expect(story.frontMatter.title == "Autumn in Kyoto")
        #expect(story.frontMatter.summary == "Temples and tea")
        #expect(story.frontMatter.date?.description == "2024-11-02")
        #expect(story.frontMatter.tags == ["japan", "autumn"])
        #expect(story.frontMatter.draft == false)
        #expect(story.frontMatter.extra.map(\.key) == ["narrator"])
        #expect(story.body == "# Day one\n\nText.")
    }

    @Test func renderingThenParsingGivesTheSameStory() throws {
        let story = Story(
            frontMatter: StoryFrontMatter(
                title: "A \"quoted\": title\nwith: yaml", summary: "- not a list",
                tags: ["a: b"], draft: true), body: "Body\n")
        let again = try Story(parsing: story.rendered())
        #expect(again == story)
    }

    /// Found by fuzz-front-matter: keys that need quoting were written bare, line breaks YAML folds
    /// (U+0085, U+2028) and U+FEFF were written raw, and an indented `---` or `...` closed the
    /// front matter early. Each story now reads back as written.
    @Test(arguments: ["*a\\b", "a: b", "#x", "null", "- x", "", "Ω key", String(repeating: "\u{200D}", count: 1100)])
    func otherKeysReadBackWhateverTheirName(key: String) throws {
        let story = Story(frontMatter: StoryFrontMatter(extra: [(key, "x\n")]), body: "Body")
        #expect(try Story(parsing: story.rendered()) == story)
    }

    @Test func blockCollectionsAmongOtherKeysReadBack() throws {
        let story = try Story(parsing: "---\nlist:\n  - a\n  - b\nmap:\n  k: v\nflow: [x, y]\n---\nBody")
        let again = try Story(parsing: story.rendered())
        #expect(again == story)
    }

    @Test func textYAMLWouldFoldOrRefuseReadsBack() throws {
        var story = try Story(parsing: "---\nnotes: |-\n  one\n  ---\n  ...\n  two\n---\n---\nnot front matter\n")
        #expect(story.body == "---\nnot front matter\n")
        story.frontMatter.title = "a\u{85}b\u{2028}c\u{2029}d\u{FEFF}e\u{9F}f\u{FFFE}"
        let again = try Story(parsing: story.rendered())
        #expect(Array(again.frontMatter.title!.unicodeScalars) == Array(story.frontMatter.title!.unicodeScalars))
        #expect(again.frontMatter.extra.map(\.yaml) == story.frontMatter.extra.map(\.yaml))
        #expect(again.body == story.body)
    }

    /// Found by fuzz-front-matter in CI: a folded scalar whose text starts with an empty line
    /// carries its indentation (`>2-`), which counts from the mapping's; written on a line of its
    /// own and indented again, its text gained two spaces on every read.
    @Test func aBlockScalarWithAnIndentationIndicatorReadsBackUnchanged() throws {
        let story = try Story(parsing: "---\nnote: >2-\n\n    Q? ;\\\nlist:\n  - |2\n\n     x\nkept: |+\n  a\n\n\nlast: x\n---\nBody")
        #expect(story.frontMatter.extra.map(\.yaml).prefix(2) == [">2-\n\n    Q? ;\\\n", "- |2\n\n   x\n"])
        #expect(story.frontMatter.extra.count == 4)
        let again = try Story(parsing: story.rendered())
        #expect(again == story)
        #expect(again.rendered() == story.rendered())
    }

    @Test func badFieldsAreNamed() {
        #expect(throws: StoryError.invalidField("draft", "expected true or false")) {
            try Story(parsing: "---\ndraft: maybe\n---\nx")
        }
        #expect(throws: StoryError.unterminatedFrontMatter) { try Story(parsing: "---\ntitle: x\n") }
        #expect(throws: StoryError.self) { try Story(parsing: "---\ndate: soon\n---\n") }
    }

    @Test func aFileWithoutFrontMatterIsAllBody() throws {
        let story = try Story(parsing: "Just text")
        #expect(story.body == "Just text")
        #expect(story.frontMatter == StoryFrontMatter())
    }
}
