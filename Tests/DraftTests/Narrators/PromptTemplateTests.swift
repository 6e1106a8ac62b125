import Draft
import Foundation
import TabiCore
import TestSupport
import Testing

@Suite struct PromptTemplateTests {
    let facts = NarrationFacts(trip: TripMaker.trip("prompt", title: "Tea & \"quotes\" <b>", posts: 2))

    @Test func theBuiltInPromptStartsLikeTheLambdaAndCarriesTheFactsVerbatim() {
        let prompt = PromptTemplate.builtIn.render(.whole(facts), language: "en", maxTokens: 2000)
        #expect(prompt.hasPrefix("Create a travel blog from this data: the public facts of one trip, as JSON.\n\n"))
        #expect(prompt.contains("\n" + facts.json + "\n"))  // no HTML escaping of quotes or <, &
        #expect(prompt.contains("Write in English, in the first person of the traveller (Tester)"))
        #expect(prompt.contains("title: \"a short title\""))
        #expect(!prompt.contains("{{") && !prompt.contains("\n\n\n"))
    }

    @Test func sectionAndJoinPromptsSayWhatTheyAre() {
        let part = facts.part(Array(facts.posts.prefix(1)))
        let section = PromptTemplate.builtIn.render(.section(part, part: 2, parts: 5), language: "ja", maxTokens: 2000)
        #expect(section.hasPrefix("Create part 2 of 5 of a travel blog"))
        #expect(section.contains("(Prompt Place 1)"))
        #expect(section.contains("Write in Japanese"))
        #expect(section.contains("no front matter"))
        #expect(!section.contains("title: \"a short title\""))
        let join = PromptTemplate.builtIn.render(
            .join(overview: facts.overview, sections: ["## A\n", "## B\n"], final: true),
            language: "en", maxTokens: 2000)
        #expect(join.hasPrefix("Create one travel blog story from these drafts"))
        #expect(join.contains("[Part 1]\n## A\n\n[Part 2]\n## B\n"))
        #expect(join.contains(facts.overview.json))
    }

    @Test func aBrokenPromptNamesItsSourceLineAndColumn() {
        #expect(throws: PromptError(source: "narrator.prompt in tabi.yml", reason: "line 2, column 3: {{#whole}} is never closed")) {
            try PromptTemplate(text: "Tell a story.\n  {{#whole}}\n{{facts}}", source: "narrator.prompt in tabi.yml")
        }
    }

    @Test func aSitePromptReplacesTheBuiltInOne() throws {
        let folder = TemporaryFolder("prompt")
        var settings = NarratorSettings.defaults
        #expect(try PromptTemplate.load(settings: settings, theme: folder.url).source == "the built-in prompt")
        try "Theme: {{title}} {{facts}}".write(to: folder("prompt.mustache"), atomically: true, encoding: .utf8)
        let theme = try PromptTemplate.load(settings: settings, theme: folder.url)
        #expect(theme.render(.whole(facts), language: "en", maxTokens: 10) == "Theme: \(facts.title) \(facts.json)")
        try "File: {{maxTokens}}".write(to: folder("mine.mustache"), atomically: true, encoding: .utf8)
        settings.promptFile = folder("mine.mustache").path
        #expect(
            try PromptTemplate.load(settings: settings, theme: folder.url).render(.whole(facts), language: "en", maxTokens: 10)
                == "File: 10")
        settings.prompt = "Inline {{#section}}part{{/section}}"
        #expect(try PromptTemplate.load(settings: settings, theme: folder.url).text == "Inline {{#section}}part{{/section}}")
    }

    @Test func aBrokenOrMissingPromptIsNamed() {
        var settings = NarratorSettings.defaults
        settings.prompt = "Hello {{#whole}} never closed"
        #expect { try PromptTemplate.load(settings: settings, theme: nil) } throws: { error in
            (error as? PromptError)?.source == "narrator.prompt in tabi.yml"
        }
        settings.prompt = nil
        settings.promptFile = "/nonexistent/prompt.mustache"
        #expect { try PromptTemplate.load(settings: settings, theme: nil) } throws: { error in
            (error as? PromptError)?.description
                == "the prompt template /nonexistent/prompt.mustache: does not exist (narrator.promptFile in tabi.yml)"
        }
    }

    @Test func narratorSettingsReadFromTabiYml() throws {
        let config = try SiteConfig(
            yaml: """
                narrator:
                  kind: bedrock
                  bedrockAPI: converse
                  maxTokens: 4000
                  markDraft: false
                  prices:
                    my-model: {input: 1.5, output: 2}
                """)
        #expect(config.narrator.kind == "bedrock")
        #expect(config.narrator.bedrockAPI == "converse")
        #expect(config.narrator.maxTokens == 4000)
        #expect(config.narrator.markDraft == false)
        #expect(config.narrator.chunkCharacters == 60_000)
        #expect(config.narrator.prices["my-model"] == ModelPrice(input: 1.5, output: 2))
        #expect(config.narrator.prices[NarratorSettings.defaultBedrockModel] == ModelPrice(input: 3, output: 15))
        #expect(throws: ConfigError.self) { try SiteConfig(yaml: "narrator:\n  maxTokens: 0\n") }
    }
}
