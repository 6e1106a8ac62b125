import Draft
import Foundation
import TabiCore
import Testing

@Suite struct ModelAnswerTests {
    @Test func aFencedAnswerWithAPreambleIsUnwrapped() throws {
        let answer = "```markdown\r\n---\r\ntitle: \"Kyoto\"\r\n---\r\n# Kyoto\r\n\r\nTemples.\r\n```\r\n"
        let story = try ModelAnswer.story(answer)
        #expect(story.frontMatter.title == "Kyoto")
        #expect(story.body == "Temples.\n")  // the heading repeating the title is dropped
        let unclosed = try ModelAnswer.story("~~~md\n---\ntitle: \"Kobe\"\n---\nBeef.\n")
        #expect(unclosed.frontMatter.title == "Kobe" && unclosed.body == "Beef.\n")
        let chatty = try ModelAnswer.story("Here is your travel blog:\n\n---\ntitle: \"Nara\"\ntags: [deer]\n---\nDeer everywhere.\n")
        #expect(chatty.frontMatter.title == "Nara")
        #expect(chatty.frontMatter.tags == ["deer"])
    }

    @Test func anAnswerWithoutFrontMatterTakesItsTitleFromTheHeading() throws {
        let story = try ModelAnswer.story("# A week in Osaka\n\nFood.\n")
        #expect(story.frontMatter.title == "A week in Osaka")
        #expect(story.body == "Food.\n")
    }

    @Test func badFrontMatterOrNoTextIsRefused() {
        #expect(throws: ModelAnswerError.self) { try ModelAnswer.story("---\ntitle: [unclosed\n---\nText\n") }
        #expect(throws: ModelAnswerError.self) { try ModelAnswer.story("---\ntags: 3\n---\nText\n") }
        #expect(throws: ModelAnswerError.self) { try ModelAnswer.story("---\ntitle: \"Only a title\"\n---\n\n  \n") }
        #expect(throws: ModelAnswerError.self) { try ModelAnswer.section("```\n\n```") }
        do {
            _ = try ModelAnswer.story("---\ntags: 3\n---\nText\n")
        } catch {
            #expect(
                error.description == "the model's answer is not a usable story: front matter field \"tags\": expected a list of strings")
        }
    }

    @Test func aSectionLosesFrontMatterAModelAddedAnyway() throws {
        #expect(try ModelAnswer.section("---\ntitle: \"x\"\n---\n## Nara\n\nDeer.") == "## Nara\n\nDeer.\n")
        #expect(try ModelAnswer.section("  ## Nara\n") == "## Nara\n")
    }

    @Test func theFinisherKeepsOnlyKnownFieldsAndChecksThemAgainstTheTrip() throws {
        let trip = TripMaker.trip("finish", posts: 2)
        let answer = try ModelAnswer.story(
            """
            ---
            title: "  A title\\nover two lines  "
            summary: ""
            cover: "no-such-photo"
            date: 1999-01-01
            tags: ["Basque Country", "basque country", "Hiking!", ""]
            draft: false
            script: "<script>alert(1)</script>"
            ---
            Body <b>text</b>.
            """)
        let story = StoryFinisher(trip: trip, markDraft: true).finish(answer)
        #expect(story.frontMatter.title == "A title over two lines")
        #expect(story.frontMatter.summary == trip.description)
        #expect(story.frontMatter.cover == trip.coverPhotoId)
        #expect(story.frontMatter.date == trip.startDate)
        #expect(story.frontMatter.tags == ["basque-country", "hiking"])
        #expect(story.frontMatter.draft)
        #expect(story.frontMatter.extra.isEmpty)
        #expect(story.body == "Body <b>text</b>.\n")
        #expect(try Story(parsing: story.rendered()) == story)
        // A cover that is one of the trip's photos is kept.
        let second = trip.posts[1].photos[0].id
        let chosen = StoryFinisher(trip: trip, markDraft: false).finish(Story(frontMatter: StoryFrontMatter(cover: second), body: "x"))
        #expect(chosen.frontMatter.cover == second)
        #expect(!chosen.frontMatter.draft)
    }
}
