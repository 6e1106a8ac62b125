import Draft
import Foundation
import Testing

@Suite struct DraftDecisionTests {
    let ours = "sha-of-the-story-draft-wrote"
    let edited = "sha-of-a-writers-edit"

    func record(input: String = "inputs-1", story: String?) -> GenerationRecord {
        GenerationRecord(inputHash: input, narrator: "offline", model: nil, storySHA256: story)
    }

    func decide(
        story: String?, record: GenerationRecord?, input: String = "inputs-1", force: Bool = false,
        overwriteEdits: Bool = false
    ) -> DraftDecision {
        DraftDecision.decide(storySHA256: story, record: record, inputHash: input, force: force, overwriteEdits: overwriteEdits)
    }

    @Test func noStoryIsAlwaysDrafted() {
        #expect(decide(story: nil, record: nil) == .generate(.story, because: .noStory))
        #expect(decide(story: nil, record: record(story: ours)) == .generate(.story, because: .noStory))
    }

    @Test func anUntouchedStoryWithTheSameInputsIsSkipped() {
        #expect(decide(story: ours, record: record(story: ours)) == .skip(.unchanged))
    }

    @Test func anUntouchedStoryIsReplacedWhenInputsChangeOrWithForce() {
        #expect(decide(story: ours, record: record(story: ours), input: "inputs-2") == .generate(.story, because: .inputsChanged))
        #expect(decide(story: ours, record: record(story: ours), force: true) == .generate(.story, because: .forced))
    }

    @Test func anEditedStoryIsNeverTheTarget() {
        // Changed inputs, or --force: the draft goes beside the edit.
        #expect(decide(story: edited, record: record(story: ours), input: "inputs-2") == .generate(.storyDraft, because: .storyEdited))
        #expect(decide(story: edited, record: record(story: ours), force: true) == .generate(.storyDraft, because: .storyEdited))
        // Same inputs: that draft was already made.
        #expect(decide(story: edited, record: record(story: ours)) == .skip(.edited))
    }

    @Test func aStoryWithoutARecordIsAWriters() {
        #expect(decide(story: edited, record: nil) == .generate(.storyDraft, because: .storyEdited))
        // A record of a draft made beside a hand-written story: storySHA256 is nil.
        #expect(decide(story: edited, record: record(story: nil)) == .skip(.edited))
        #expect(decide(story: edited, record: record(story: nil), input: "inputs-2") == .generate(.storyDraft, because: .storyEdited))
    }

    @Test func overwriteEditsReplacesAnEdit() {
        #expect(decide(story: edited, record: record(story: ours), overwriteEdits: true) == .generate(.story, because: .overwritingEdit))
        #expect(decide(story: edited, record: nil, overwriteEdits: true) == .generate(.story, because: .overwritingEdit))
        // It changes nothing for a story that is ours.
        #expect(decide(story: ours, record: record(story: ours), overwriteEdits: true) == .skip(.unchanged))
    }

    @Test func recordBytesAreDeterministic() {
        let record = GenerationRecord(inputHash: "h", narrator: "bedrock-invoke", model: "m:0", storySHA256: "s", draftSHA256: nil)
        #expect(
            String(decoding: record.encoded(), as: UTF8.self)
                == "{\n  \"inputHash\" : \"h\",\n  \"model\" : \"m:0\",\n  \"narrator\" : \"bedrock-invoke\",\n  \"storySHA256\" : \"s\"\n}\n"
        )
        #expect(GenerationRecord.decode(record.encoded()) == record)
        #expect(GenerationRecord.decode(Data("not json".utf8)) == nil)
    }
}
