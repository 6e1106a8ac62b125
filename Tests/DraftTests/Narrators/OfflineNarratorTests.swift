import ContentStore
import Draft
import Foundation
import TabiCore
import TestSupport
import Testing

@Suite struct OfflineNarratorTests {
    @Test func theOfflineStoryIsDeterministicAndValid() async throws {
        let sample = try ContentDirectory(root: RepositoryPaths.content).slugs().slugs.first!
        let trip = try ContentDirectory(root: RepositoryPaths.content).trip(sample)
        var runs: [Data] = []
        for _ in 0..<2 {
            let fixture = try ContentFixture([trip])
            let report = try await fixture.draft(with: OfflineNarrator())
            #expect(report.drafted == 1 && report.calls == 1)
            runs.append(try #require(fixture.story(sample)))
        }
        #expect(runs[0] == runs[1])
        let story = try Story(parsing: String(decoding: runs[0], as: UTF8.self))
        #expect(story.frontMatter.title == trip.title)
        #expect(story.frontMatter.cover == trip.coverPhotoId)
        #expect(story.frontMatter.date == trip.startDate)
        #expect(story.frontMatter.draft == false)  // the offline narrator only rearranges the traveller's words
        #expect(story.frontMatter.tags.contains("spain"))
        // An introduction, the itinerary, a section per place with every post, a closing.
        #expect(story.body.hasPrefix(trip.description!))
        #expect(story.body.contains("| 12–14 Oct 2024 | Aizkorri-Aratz Natural Park | Spain |"))
        for destination in trip.destinations { #expect(story.body.contains("\n## \(destination.name)\n")) }
        for post in trip.posts { #expect(story.body.contains("### \(post.title!)")) }
        #expect(story.body.contains("*Saturday 12 October 2024*"))
        #expect(story.body.contains("## Looking back"))
    }

    @Test func aLongTripIsWrittenInOneCallWithEveryPost() async throws {
        let trip = TripMaker.trip("long-offline", posts: 300, places: 4, textLength: 300)
        let fixture = try ContentFixture([trip])
        var settings = NarratorSettings.defaults
        settings.chunkCharacters = 10_000  // a model's budget: the offline narrator has no context window
        let report = try await fixture.draft(with: OfflineNarrator(), settings: settings)
        #expect(report.drafted == 1 && report.calls == 1)
        let story = try Story(parsing: try #require(fixture.storyText(trip.slug)))
        for post in trip.posts { #expect(story.body.contains("### \(post.title!)\n")) }
        #expect(!story.body.contains("left out"))
    }

    @Test func partsAndAJoinReadAsOneStory() async throws {
        // The offline narrator answers part and join calls too; a place split between two parts
        // reads as one section.
        let facts = NarrationFacts(trip: TripMaker.trip("joined", posts: 6, places: 1))
        let narrator = OfflineNarrator()
        func answer(_ task: NarrationTask) async throws -> String {
            try await narrator.complete(NarrationRequest(prompt: "", maxTokens: 10, temperature: nil, task: task, trip: "joined")).text
        }
        let first = try await answer(.section(facts.part(Array(facts.posts.prefix(3))), part: 1, parts: 2))
        let second = try await answer(.section(facts.part(Array(facts.posts.suffix(3))), part: 2, parts: 2))
        #expect(first.hasPrefix("## Joined Place 1\n") && second.hasPrefix("## Joined Place 1\n"))
        let story = try Story(parsing: try await answer(.join(overview: facts.overview, sections: [first, second], final: true)))
        #expect(story.body.components(separatedBy: "## Joined Place 1\n").count == 2)
        for post in facts.posts { #expect(story.body.contains("### \(post.title!)\n")) }
    }

    @Test func theOfflineStoryRendersWithTheBuild() async throws {
        // A trip without photos, so the build has no images to make.
        var trip = TripMaker.trip("renders", posts: 3, places: 2)
        for index in trip.posts.indices { trip.posts[index].photos = [] }
        trip.coverPhotoId = nil
        let fixture = try ContentFixture([trip])
        let draft = try await CommandRunner.tabiPress(["draft", "--content", fixture.root.path, "--narrator", "offline", "--quiet"])
        #expect(draft.status == 0, "\(draft.stderr)")
        let output = fixture.folder("Output")
        let build = try await CommandRunner.tabiPress([
            "build", "--content", fixture.root.path, "--output", output.path,
            "--theme", RepositoryPaths.defaultTheme.path, "--quiet",
        ])
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOf: output.appendingPathComponent("trips/renders/index.html"), encoding: .utf8)
        #expect(page.contains(">Itinerary</h"))
        #expect(page.contains("<table tabindex=\"0\">"))
        #expect(page.contains(">Looking back</h"))
    }
}
