import Foundation
import Testing
@testable import Render
import TabiCore
import TestSupport

/// What only a writer's preview renders: a `draft: true` story with a note, and the newer draft
/// beside a writer's story on a page of its own with what it changes.
@Suite struct PreviewRenderTests {
    static func kyoto(preview: Bool) -> TripContent {
        var content = TripFixtures.kyoto
        content.story?.frontMatter.draft = true
        return TripContent(trip: content.trip, story: content.story, preview: preview,
                           proposal: Story(frontMatter: StoryFrontMatter(title: "Autumn in Kyoto"),
                                           body: "We came for the maples and stayed for the <tea>.\n\nA new line."))
    }

    @Test func aPublishedBuildLeavesDraftsOutAndHasNoProposal() throws {
        let site = try RenderedSite.fixtures(trips: [Self.kyoto(preview: false)])
        let page = site.page("autumn-in-kyoto")
        #expect(!page.contains("Kiyomizu-dera") && !page.contains("preview-note"))
        #expect(!site.paths.contains { $0.contains("proposal") })
    }

    @Test func aPreviewShowsTheDraftWithANoteAndTheProposalWithItsChanges() throws {
        let site = try RenderedSite.fixtures(trips: [Self.kyoto(preview: true)])
        let page = site.page("autumn-in-kyoto")
        #expect(page.contains("Kiyomizu-dera"))
        #expect(page.contains("<p>This story says draft: true: readers will not see it until its front matter says draft: false.</p>"))
        #expect(page.contains("<a href=\"proposal/\">"))
        let proposal = site.text("trips/autumn-in-kyoto/proposal/index.html")
        #expect(proposal.contains("This is story.draft.md"))
        #expect(proposal.contains("<span class=\"diff-added\">+ We came for the maples and stayed for the &lt;tea&gt;.</span>"))
        #expect(proposal.contains("<span class=\"diff-removed\">- ## Temples</span>"))
        #expect(proposal.contains("<span class=\"diff-same\">  </span>"))
    }

    @Test func theLineDiffKeepsWhatIsSharedAndComparesBytesNotCharacters() {
        let lines = LineDiff.lines(from: "a\nb\nc\nd", to: "a\nc\nx\nd")
        #expect(lines.map { "\($0.kind.rawValue):\($0.text)" } == ["same:a", "removed:b", "same:c", "added:x", "same:d"])
        // "é" composed and decomposed are one Character but not the same bytes.
        let marks = LineDiff.lines(from: "caf\u{E9}", to: "cafe\u{301}")
        #expect(marks.map(\.kind) == [.removed, .added])
        #expect(LineDiff.lines(from: "", to: "").isEmpty)
    }
}
