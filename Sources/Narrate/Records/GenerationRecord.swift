import ContentStore
import Foundation
import TabiCore

/// `Content/trips/<slug>/story.source.json`: what the last draft of a trip was generated from and
/// what was written, so an unchanged trip is never sent again and a writer's edit is recognised.
///
/// It lives beside the story because `Content/trips/` is all a stateless worker keeps between
/// runs. Its bytes are deterministic (no timestamps): the same draft gives the same file.
public struct GenerationRecord: Codable, Sendable, Equatable {
    /// The SHA-256 of everything the draft depended on (see ``DraftInputs``).
    public var inputHash: String
    /// The narrator that wrote it: `bedrock-invoke`, `bedrock-converse`, `openai`, `offline`.
    public var narrator: String
    /// The model, for model narrators.
    public var model: String?
    /// The SHA-256 of `story.md` as draft last wrote it; `nil` when draft never wrote it (it
    /// was the writer's from the start). Any other `story.md` is a writer's edit.
    public var storySHA256: String?
    /// The SHA-256 of `story.draft.md` as draft last wrote it, when a new draft went there
    /// because `story.md` had been edited.
    public var draftSHA256: String?

    public init(inputHash: String, narrator: String, model: String?, storySHA256: String?, draftSHA256: String? = nil) {
        self.inputHash = inputHash
        self.narrator = narrator
        self.model = model
        self.storySHA256 = storySHA256
        self.draftSHA256 = draftSHA256
    }

    /// The file's name in the trip's folder.
    public static let fileName = "story.source.json"
    /// Where a draft goes when `story.md` is a writer's.
    public static let draftFileName = "story.draft.md"

    /// Pretty JSON, keys sorted, final newline.
    public func encoded() -> Data {
        var data = try! Self.encoder.encode(self)  // strings only
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads a record; `nil` when the bytes are not one.
    public static func decode(_ data: Data) -> GenerationRecord? {
        try? JSONDecoder().decode(GenerationRecord.self, from: data)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}

extension ContentDirectory {
    /// `trips/<slug>/story.draft.md`: a new draft kept beside a story a writer has edited.
    public func storyDraftFile(of slug: String) -> URL {
        folder(of: slug).appendingPathComponent(GenerationRecord.draftFileName)
    }

    /// `trips/<slug>/story.source.json`: the trip's ``GenerationRecord``.
    public func generationRecordFile(of slug: String) -> URL {
        folder(of: slug).appendingPathComponent(GenerationRecord.fileName)
    }
}
