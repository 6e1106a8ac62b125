import Testing
@testable import TabiCore

@Suite struct StoryTests {
    @Test func frontMatterAndBodyAreSplit() throws {
        let story = try Story(parsing: """
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
        let story = Story(frontMatter: StoryFrontMatter(title: "A \"quoted\": title\nwith: yaml", summary: "- not a list",
                                                        tags: ["a: b"], draft: true), body: "Body\n")
        let again = try Story(parsing: story.rendered())
        #expect(again == story)
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
