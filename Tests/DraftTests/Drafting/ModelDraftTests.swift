import AWS
import Draft
import Foundation
import IntegrationSupport
import TabiCore
import TestSupport
import Testing

/// Drafting through real HTTP: Bedrock InvokeModel and Converse signed with SigV4 (each signature
/// checked by botocore in the stand-in) and OpenAI chat completions with a bearer key.
@Suite struct ModelDraftTests {
    static let apis = ["invoke", "converse", "openai"]

    @Test(arguments: apis) func everyTripIsDrafted(api: String) async throws {
        let standin = try ModelStandin()
        let trips = ["alps", "baltic", "coast"].map { TripMaker.trip($0, posts: 4) }
        let fixture = try ContentFixture(trips)
        let report = try await fixture.draft(with: try standin.narrator(api))
        #expect(report.drafted == 3 && report.failures.isEmpty, "\(report.failures.map(\.line))")
        #expect(report.calls == 3)
        let requests = try standin.requests()
        #expect(requests.count == 3)
        #expect(requests.allSatisfy { $0.verified == true && $0.status == 200 && $0.api == api })
        if api != "openai" {
            #expect(requests.allSatisfy { $0.path == "/model/anthropic.claude-3-sonnet-20240229-v1%3A0/\(api)" })
        }
        for trip in trips {
            let story = try Story(parsing: try #require(fixture.storyText(trip.slug)))
            #expect(story.frontMatter.title == "\(trip.title) (stand-in)")
            #expect(story.frontMatter.tags == ["stand-in", api])
            #expect(story.frontMatter.extra.isEmpty)  // the made-up `mood:` key is dropped
            #expect(story.frontMatter.cover == trip.coverPhotoId)
            #expect(story.frontMatter.date == trip.startDate)
            #expect(story.frontMatter.draft)  // a model's story waits for a writer
            #expect(story.body.contains("## Notes from \(api)"))
            let record = try #require(fixture.record(trip.slug))
            #expect(record.storySHA256 == ContentHash.sha256(try #require(fixture.story(trip.slug))))
            #expect(record.narrator == (api == "openai" ? "openai" : "bedrock-\(api)"))
            // Exactly one request carried this trip.
            #expect(requests.filter { ($0.facts["title"] as? String) == trip.title }.count == 1)
        }
        // Tokens are what the stand-in counted: a quarter of the prompt's and answer's characters.
        let prompts = requests.map { ($0.prompt!.unicodeScalars.count + 3) / 4 }.reduce(0, +)
        #expect(report.usage.input == prompts)
        #expect(report.usage.output > 0)
    }

    @Test func invokeBodiesAreTheLambdasAnthropicMessages() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("body")])
        _ = try await fixture.draft(with: try standin.narrator("invoke"))
        let request = try #require(try standin.requests().first)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
        #expect(body["anthropic_version"] as? String == "bedrock-2023-05-31")
        #expect(body["max_tokens"] as? Int == 2000)
        let messages = try #require(body["messages"] as? [[String: Any]])
        #expect(messages.count == 1 && messages[0]["role"] as? String == "user")
        #expect(request.prompt!.hasPrefix("Create a travel blog from this data:"))
    }

    @Test func a300PostTripIsSplitAndEveryPostReachesExactlyOnePartCall() async throws {
        let standin = try ModelStandin()
        let trip = TripMaker.trip("grand-tour", posts: 300, places: 9, textLength: 250)
        let fixture = try ContentFixture([trip])
        var settings = NarratorSettings.defaults
        settings.chunkCharacters = 25_000
        let report = try await fixture.draft(with: try standin.narrator("invoke"), settings: settings)
        #expect(report.drafted == 1, "\(report.failures.map(\.line))")
        let requests = try standin.requests()
        #expect(requests.allSatisfy { $0.verified == true && $0.status == 200 })
        let parts = requests.filter { !$0.postTitles.isEmpty }
        let joins = requests.filter { $0.postTitles.isEmpty }
        #expect(parts.count >= 4)
        #expect(joins.count >= 1)
        #expect(report.calls == requests.count)
        // Every post in exactly one part call, and no call's facts over the budget.
        let seen = parts.flatMap(\.postTitles)
        #expect(seen.count == 300)
        #expect(Set(seen) == Set(trip.posts.map { $0.title! }))
        for request in requests {
            let line = try #require(request.prompt!.split(separator: "\n").first { $0.hasPrefix("{") })
            #expect(line.count <= 25_000)
        }
        // The join got the parts' drafts, and the story came from the join.
        let finalJoin = try #require(joins.last)
        #expect(finalJoin.prompt!.contains("[Part \(parts.count)]"))
        #expect(finalJoin.prompt!.contains("; grand-tour post 299 title.\n"))
        let story = try Story(parsing: try #require(fixture.storyText(trip.slug)))
        #expect(story.body.contains("Drafted by \(ModelStandin.model) from"))
    }

    @Test func nothingButTheTripsPublicFactsReachesAModel() async throws {
        let standin = try ModelStandin()
        let trip = TripMaker.trip("private", posts: 5)
        let fixture = try ContentFixture([trip])
        // Text beside trip.json that is not in it: a writer's story, notes. None of it may be sent.
        try fixture.writeStory(trip.slug, "---\ntitle: \"Mine\"\n---\nPRIVATE-STORY-TEXT: the hotel room number was 1204.\n")
        try Data("PRIVATE-NOTES-TEXT".utf8).write(to: fixture.content.folder(of: trip.slug).appendingPathComponent("notes.txt"))
        let report = try await fixture.draft(with: try standin.narrator("converse"), force: true)
        #expect(report.kept == 1)
        let bodies = try standin.requests().map(\.body)
        #expect(bodies.count == 1)
        let sent = bodies.joined()
        for text in TripFactsTests.privateStrings(of: trip) + ["PRIVATE-STORY-TEXT", "PRIVATE-NOTES-TEXT"] {
            #expect(!sent.contains(text), "\(text) reached the model")
        }
        for post in trip.posts { #expect(sent.contains(post.title!)) }
        // Every text the prompt's facts carry is (part of) a value of trip.json.
        let tripJSON = try #require(FileManager.default.contents(atPath: fixture.content.tripFile(of: trip.slug).path))
        let published = Self.strings(in: try JSONSerialization.jsonObject(with: tripJSON))
        let request = try #require(try standin.requests().first)
        let carried = Self.strings(in: request.facts)
        #expect(carried.count > 20)
        for text in carried { #expect(published.contains { $0.contains(text) }, "\(text) is not in trip.json") }
    }

    /// Every string in a JSON value, keys left out.
    static func strings(in value: Any) -> [String] {
        switch value {
        case let text as String: [text]
        case let array as [Any]: array.flatMap { strings(in: $0) }
        case let object as [String: Any]: object.values.flatMap { strings(in: $0) }
        default: []
        }
    }

    @Test func throttledCallsAreRetriedAndCounted() async throws {
        let standin = try ModelStandin(throttleEvery: 2)
        let fixture = try ContentFixture((0..<6).map { TripMaker.trip("throttled-\($0)") })
        for api in Self.apis {
            let report = try await fixture.draft(with: try standin.narrator(api), force: true)
            #expect(report.drafted == 6, "\(api): \(report.failures.map(\.line))")
            #expect(report.calls == 6)
            // Every second call was throttled once and went through on its retry.
            #expect(try standin.requests().filter { $0.api == api && $0.status == 429 }.count == 3)
            #expect(report.retries == 3 && report.throttled == 3)
        }
    }

    @Test func costComesFromThePriceTable() async throws {
        let standin = try ModelStandin()
        let fixture = try ContentFixture([TripMaker.trip("priced-a"), TripMaker.trip("priced-b")])
        var settings = NarratorSettings.defaults
        settings.prices["gpt-standin"] = ModelPrice(input: 2.5, output: 10)
        let report = try await fixture.draft(with: try standin.narrator("openai"), settings: settings)
        #expect(report.price == ModelPrice(input: 2.5, output: 10))
        let expected = (Double(report.usage.input) * 2.5 + Double(report.usage.output) * 10) / 1_000_000
        #expect(report.usage.input > 0 && report.cost == expected)
        #expect(report.summary.contains(String(format: "estimated cost: $%.4f", expected)))
        // No price for the model: the cost is unknown, and the report says why.
        let unpriced = try await fixture.draft(
            with: try standin.narrator("openai"), settings: .init(kind: "openai", prices: [:]), force: true)
        #expect(unpriced.cost == nil)
        #expect(unpriced.summary.contains("estimated cost: unknown (no price for gpt-standin in narrator.prices)"))
    }
}
