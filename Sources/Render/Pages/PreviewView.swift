import TabiCore

/// The note a writer's preview shows above a trip: a story still marked `draft: true`, a newer
/// draft waiting beside the story, and on that draft's own page, what it changes. Only
/// `tabi-press preview` builds pages with it.
struct PreviewView {
    let notes: [String]
    /// The page of the newer draft (`proposal/`), from the trip's page.
    let proposal: String?
    /// On the proposal's page: `story.md` against `story.draft.md`, line by line.
    let diff: [DiffLineView]
    let hasDiff: Bool

    /// The note on a trip's own page; nil when there is nothing to say.
    init?(_ content: TripContent, words: SiteWords) {
        guard content.preview else { return nil }
        var notes: [String] = []
        if content.story?.frontMatter.draft == true {
            notes.append(words("preview_draft_story"))
        }
        if content.proposal != nil {
            notes.append(words("preview_waiting_draft"))
        }
        guard !notes.isEmpty else { return nil }
        self.notes = notes
        proposal = content.proposal == nil ? nil : "proposal/"
        diff = []
        hasDiff = false
    }

    /// The note on the page of the newer draft: what it is, and its lines against the story's.
    init(proposalOf content: TripContent, words: SiteWords) {
        notes = [words("preview_proposal")]
        proposal = nil
        diff = LineDiff.lines(from: content.story?.body ?? "", to: content.proposal?.body ?? "").map(DiffLineView.init)
        hasDiff = !diff.isEmpty
    }

    /// Where a trip's proposal page is written.
    static func path(_ slug: String) -> String { "trips/\(slug)/proposal/index.html" }
}

/// One line of a diff: `same`, `added` or `removed`, and its text.
struct DiffLineView {
    let kind: String
    /// `+`, `-` or a space, as `diff -u` marks lines (for readers without colour).
    let mark: String
    let text: String

    init(_ line: LineDiff.Line) {
        kind = line.kind.rawValue
        mark =
            switch line.kind {
            case .same: " "
            case .added: "+"
            case .removed: "-"
            }
        text = line.text
    }
}
