import ContentStore
import Draft
import Testing

/// A draft target's raw value (what reports print) is the file ContentDirectory names for it.
@Suite struct DraftTargetTests {
    @Test func rawValuesAreTheFileNamesOfTheContentLayout() {
        #expect(DraftTarget.story.rawValue == ContentDirectory.storyFileName)
        #expect(DraftTarget.storyDraft.rawValue == ContentDirectory.proposalFileName)
        #expect(DraftTarget.story.fileName == "story.md")
        #expect(DraftTarget.storyDraft.fileName == "story.draft.md")
        #expect(GenerationRecord.fileName == "story.source.json")
    }
}
