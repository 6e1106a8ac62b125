/// What `draft` did with one trip.
public struct TripOutcome: Sendable, Equatable {
    /// The result kinds the report counts.
    public enum Result: Sendable, Equatable {
        /// `story.md` was written (or would have the same bytes).
        case drafted(DraftDecision.GenerateReason)
        /// `story.md` is a writer's: the new draft went to `story.draft.md`.
        case kept(KeptReason)
        /// Nothing changed since the last draft: no call was made.
        case skipped(DraftDecision.SkipReason)
        /// A dry run: the file that would be written, why, and in how many calls at least.
        case planned(DraftTarget, DraftDecision.GenerateReason, calls: Int)
        /// The trip could not be drafted; the sentence says why.
        case failed(String)
    }

    /// Why `story.md` was kept.
    public enum KeptReason: Sendable, Equatable {
        /// It had been edited (or written by hand) before the trip was drafted.
        case edited
        /// It changed while the model was answering: the edit was saved after the trip was
        /// decided, and wins over the draft.
        case editedDuringCall
    }

    public var slug: String
    public var result: Result
    /// How many posts were shortened to fit a call.
    public var shortenedPosts: Int

    public init(slug: String, result: Result, shortenedPosts: Int = 0) {
        self.slug = slug
        self.result = result
        self.shortenedPosts = shortenedPosts
    }

    /// One line for the report: `kyoto: drafted (no story.md yet)`.
    public var line: String {
        switch result {
        case .drafted(let reason): "\(slug): drafted story.md (\(reason.rawValue))"
        case .kept(.edited): "\(slug): story.md was edited, so it is kept; the new draft is in story.draft.md"
        case .kept(.editedDuringCall):
            "\(slug): story.md changed while the model was answering, so it is kept; the new draft is in story.draft.md"
        case .skipped(.unchanged): "\(slug): skipped (unchanged)"
        case .skipped(.edited): "\(slug): skipped (unchanged; story.md is a writer's)"
        case .planned(let target, let reason, let calls):
            "\(slug): would write \(target.rawValue) (\(reason.rawValue)) in \(calls) call\(calls == 1 ? "" : "s")"
        case .failed(let reason): "\(slug): failed: \(reason)"
        }
    }

    public var isFailure: Bool {
        if case .failed = result { return true }
        return false
    }
}
