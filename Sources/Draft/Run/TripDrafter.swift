import Concurrency
import ContentStore
import Foundation
import HTTPClient
import Logging
import TabiCore

/// Drafts one trip: decide from the files, plan the calls, make them, validate the answer, then
/// write. Every failure ends as a ``TripOutcome`` naming the trip; nothing escapes to stop others.
struct TripDrafter: Sendable {
    let options: DraftOptions
    let narrator: any Narrator
    let prompt: PromptTemplate
    let limiter: RequestLimiter
    let tally: Locked<DraftTally>
    let logger: Logger

    /// Calls made and tokens used by every trip so far.
    struct DraftTally: Sendable {
        var calls = 0
        var usage = TokenUsage()
    }

    /// A trip's failure: the sentence, and whether it means nothing else can work either.
    struct Failure: Error {
        var message: String
        var isRefusal = false
    }

    /// The trip's outcome, and whether it failed because the service refused the credentials or
    /// key (which every other trip would meet too).
    func draft(_ slug: String) async -> (outcome: TripOutcome, refused: Bool) {
        do {
            return (try await attempt(slug), false)
        } catch {
            logger.debug("trip \(slug): \(error.message)")
            return (TripOutcome(slug: slug, result: .failed(error.message)), error.isRefusal)
        }
    }

    // MARK: - Plan

    private func attempt(_ slug: String) async throws(Failure) -> TripOutcome {
        let folder = TripFolder(slug, in: options.content)
        if !options.dryRun { folder.removeStaleTemporaryFiles() }
        let trip = try folder.trip()
        let facts = NarrationFacts(trip: trip)
        let markDraft = options.markDraft(for: narrator.identity)
        let inputs = DraftInputs(
            factsJSON: facts.json, template: prompt.text, narrator: narrator.identity,
            maxTokens: options.settings.maxTokens, temperature: options.settings.temperature,
            chunkCharacters: options.settings.chunkCharacters, markDraft: markDraft, language: options.language)
        let storySHA256 = try folder.storySHA256()
        let record = try folder.record(readOnly: options.dryRun)
        let decision = DraftDecision.decide(
            storySHA256: storySHA256, record: record,
            inputHash: inputs.hash, force: options.force, overwriteEdits: options.overwriteEdits)
        // Only models have a context window to respect; the offline narrator writes any length at once.
        let plan = ChunkPlan(facts: facts, budget: narrator.identity.isModel ? options.settings.chunkCharacters : .max)
        let target: DraftTarget, reason: DraftDecision.GenerateReason
        switch decision {
        case .skip(let why): return TripOutcome(slug: slug, result: .skipped(why))
        case .generate(let file, let why): (target, reason) = (file, why)
        }
        if options.dryRun {
            return TripOutcome(
                slug: slug, result: .planned(target, reason, calls: plan.isWhole ? 1 : plan.parts.count + 1),
                shortenedPosts: plan.shortenedPosts)
        }
        if plan.shortenedPosts > 0 {
            logger.notice("trip \(slug): \(plan.shortenedPosts) post(s) longer than narrator.chunkCharacters were shortened to fit a call")
        }

        // MARK: Generate
        let answer = try await generate(plan, facts: facts, slug: slug)
        let parsed: Story
        do { parsed = try ModelAnswer.story(answer) } catch { throw Failure(message: error.description) }
        let story = StoryFinisher(trip: trip, markDraft: markDraft).finish(parsed)
        let bytes = Data(story.rendered().utf8)
        // What is written must read back as the same story, or build would choke on it.
        guard (try? Story(parsing: story.rendered())) == story else {
            throw Failure(
                message: "the finished story does not read back as the same story (a front matter value could not be written safely)")
        }
        let written = try apply(bytes, to: target, in: folder, decidedFrom: storySHA256, record: record, inputHash: inputs.hash)
        let result: TripOutcome.Result =
            switch (target, written) {
            case (.story, .story): .drafted(reason)
            case (.story, .storyDraft): .kept(.editedDuringCall)
            case (.storyDraft, _): .kept(.edited)
            }
        return TripOutcome(slug: slug, result: result, shortenedPosts: plan.shortenedPosts)
    }

    // MARK: - Apply

    /// Writes the draft and its record; returns the file it went to. A writer may have saved
    /// `story.md` while the model was answering: then what was decided from its old bytes no longer
    /// holds, the edit wins, and the draft goes to `story.draft.md` (its record saying so: the
    /// story's hash stays the old one, so the new `story.md` reads as a writer's).
    private func apply(
        _ bytes: Data, to decided: DraftTarget, in folder: TripFolder, decidedFrom storySHA256: String?,
        record: GenerationRecord?, inputHash: String
    ) throws(Failure) -> DraftTarget {
        let sha = ContentHash.sha256(bytes)
        var target = decided
        func recheck() throws(Failure) -> Bool {
            guard target == .story, try folder.storySHA256() != storySHA256 else { return false }
            target = .storyDraft
            return true
        }
        let identity = narrator.identity
        func pending() throws(Failure) {
            try folder.write(
                .writing(
                    sha, to: target, inputHash: inputHash, narrator: identity.kind, model: identity.model,
                    previous: record))
        }
        _ = try recheck()
        try folder.checkWritable(target)
        try pending()
        // Once more after the record's fsync, so the edit that can still be lost is one saved
        // within the story's own write and rename.
        if try recheck() { try pending() }
        try folder.write(bytes, to: target)
        try folder.write(
            .written(
                sha, to: target, inputHash: inputHash, narrator: identity.kind, model: identity.model,
                previous: record))
        return target
    }

    // MARK: - Calls

    /// The final answer: one call for a trip that fits, else the parts, then joins in rounds
    /// until one join makes the story.
    private func generate(_ plan: ChunkPlan, facts: NarrationFacts, slug: String) async throws(Failure) -> String {
        if plan.isWhole { return try await call(.whole(plan.parts[0]), slug: slug) }
        let count = plan.parts.count
        var sections = try await inParallel(
            plan.parts.indices.map { index in
                NarrationTask.section(plan.parts[index], part: index + 1, parts: count)
            }, slug: slug)
        let overview = facts.overview
        let budget = options.settings.chunkCharacters
        let room = max(budget - overview.json.count, budget / 4)
        while true {
            let sizes = sections.map { $0.count + 16 }
            if sizes.reduce(0, +) <= room || sections.count == 1 {
                let fitted = sections.count == 1 ? [Self.shorten(sections[0], to: room)] : sections
                return try await call(.join(overview: overview, sections: fitted, final: true), slug: slug)
            }
            var groups = ChunkPlan.groups(of: sizes, capacity: room)
            if groups.count == sections.count {
                // Each draft fills a call by itself: shorten them so that at least two fit a join.
                sections = sections.map { Self.shorten($0, to: room / 2 - 32) }
                groups = ChunkPlan.groups(of: sections.map { $0.count + 16 }, capacity: room)
            }
            let merged = try await inParallel(
                groups.map { group in
                    NarrationTask.join(overview: overview, sections: Array(sections[group]), final: false)
                }, slug: slug)
            sections = merged
        }
    }

    /// Runs `tasks` concurrently (within the call limit) and returns their section texts in order.
    /// The first failure cancels the calls still waiting or in flight: the trip has failed anyway.
    private func inParallel(_ tasks: [NarrationTask], slug: String) async throws(Failure) -> [String] {
        var texts = [String](repeating: "", count: tasks.count)
        var failure: Failure?
        await slidingWindow(
            tasks.count, concurrency: tasks.count, canStart: { failure == nil }, cancelsRunningWhenStopped: true,
            work: { index in
                do throws(Failure) { return .success(try await call(tasks[index], slug: slug)) } catch { return .failure(error) }
            },
            collect: { (index, result: Result<String, Failure>) in
                switch result {
                case .success(let text): texts[index] = text
                case .failure(let error): failure = failure ?? error
                }
            })
        if let failure { throw failure }
        return texts
    }

    /// One call, within the limit: the answer's text (a story's raw text, or a cleaned section).
    private func call(_ task: NarrationTask, slug: String) async throws(Failure) -> String {
        let settings = options.settings
        let request = NarrationRequest(
            prompt: prompt.render(task, language: options.language, maxTokens: settings.maxTokens),
            maxTokens: settings.maxTokens, temperature: settings.temperature, task: task, trip: slug)
        await limiter.acquire()
        let result: Result<NarrationResponse, NarrationError>
        do { result = .success(try await narrator.complete(request)) } catch { result = .failure(error) }
        await limiter.release()
        let response: NarrationResponse
        switch result {
        case .success(let answer):
            response = answer
            tally.withLock {
                $0.calls += 1; $0.usage += answer.usage
            }
        case .failure(let error):
            if error.kind != .cancelled { tally.withLock { $0.calls += 1 } }
            throw Failure(message: error.message, isRefusal: error.kind == .authentication)
        }
        switch response.stopReason {
        case .finished: break
        case .maxTokens where !task.wantsStory:
            logger.notice("trip \(slug): a part stopped at narrator.maxTokens (\(settings.maxTokens)); the join works from what it has")
        case .maxTokens:
            throw Failure(message: "the model stopped at narrator.maxTokens (\(settings.maxTokens) tokens) before the story was finished")
        case .other(let reason):
            throw Failure(message: "the model stopped without finishing (\(reason))")
        }
        guard !task.wantsStory else { return response.text }
        do { return try ModelAnswer.section(response.text) } catch { throw Failure(message: error.description) }
    }

    // MARK: - Text

    /// `text` cut to `limit` characters, saying so.
    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let marker = "\n\n[… \(text.count - limit) more characters of this draft left out]\n"
        return String(text.prefix(max(limit - marker.count, 0))) + marker
    }
}
