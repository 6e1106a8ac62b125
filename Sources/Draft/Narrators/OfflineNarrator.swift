/// A narrator with no network and no model: it writes a plain, honest story from the trip's
/// facts alone (an introduction, an itinerary table, a section per place with each post's
/// highlights and captions, a closing). Deterministic: the same facts give the same bytes.
///
/// It answers the same three kinds of call as a model, so long trips go through the same
/// split-and-join path, and its stories go through the same validation.
public struct OfflineNarrator: Narrator {
    /// Bumped when the writing changes, so stories it wrote are redrafted.
    public static let version = "offline-1"

    public init() {}

    public var identity: NarratorIdentity {
        NarratorIdentity(kind: "offline", model: nil, version: Self.version, isModel: false)
    }

    public func complete(_ request: NarrationRequest) async throws(NarrationError) -> NarrationResponse {
        let writer = OfflineStoryWriter()
        let text: String
        switch request.task {
        case .whole(let facts):
            text = writer.story(overview: facts.overview, sections: [writer.sections(facts)])
        case .section(let facts, _, _):
            text = writer.sections(facts)
        case .join(let overview, let sections, let final):
            text = final ? writer.story(overview: overview, sections: sections) : writer.merge(sections)
        }
        return NarrationResponse(text: text, usage: TokenUsage(), stopReason: .finished)
    }
}
