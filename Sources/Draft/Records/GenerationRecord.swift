import ContentStore
import Foundation
import TabiCore

/// `Content/trips/<slug>/story.source.json`: what the last draft of a trip was generated from and
/// what was written, so an unchanged trip is never sent again and a writer's edit is recognised.
///
/// It lives beside the story because `Content/trips/` is all a stateless worker keeps between
/// runs. Its bytes are deterministic (no timestamps): the same draft gives the same file.
///
/// A draft is applied in three writes: the record with the write as ``pending``, the story file,
/// then the record as it now is. A run killed between them leaves the pending write, and the
/// next run tells from the file whether it landed (``settled(pendingFileSHA256:)``), so a story
/// draft wrote is never taken for a writer's edit and a trip drafted once is not drafted again.
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
    /// A draft being written, recorded before its file is replaced; absent once it is done.
    public var pending: PendingWrite?

    public init(
        inputHash: String, narrator: String, model: String?, storySHA256: String?, draftSHA256: String? = nil,
        pending: PendingWrite? = nil
    ) {
        self.inputHash = inputHash
        self.narrator = narrator
        self.model = model
        self.storySHA256 = storySHA256
        self.draftSHA256 = draftSHA256
        self.pending = pending
    }

    /// A draft on its way to `file`: what the record becomes once `file` holds `sha256`.
    public struct PendingWrite: Codable, Sendable, Equatable {
        public var file: DraftTarget
        public var sha256: String
        public var inputHash: String
        public var narrator: String
        public var model: String?
    }

    // MARK: - Applying a draft

    /// The record after a draft from `inputHash` by `narrator` (and `model`) was written to
    /// `file` as `sha256`, starting from `previous` (nil for a trip never drafted).
    public static func written(
        _ sha256: String, to file: DraftTarget, inputHash: String, narrator: String, model: String?,
        previous: GenerationRecord?
    ) -> GenerationRecord {
        switch file {
        case .story:
            GenerationRecord(inputHash: inputHash, narrator: narrator, model: model, storySHA256: sha256)
        case .storyDraft:
            GenerationRecord(
                inputHash: inputHash, narrator: narrator, model: model, storySHA256: previous?.storySHA256,
                draftSHA256: sha256)
        }
    }

    /// `previous` with the same write pending: the first of the three writes. Without a previous
    /// record, an empty one (no input hash, no story) carries it.
    public static func writing(
        _ sha256: String, to file: DraftTarget, inputHash: String, narrator: String, model: String?,
        previous: GenerationRecord?
    ) -> GenerationRecord {
        var record = previous ?? GenerationRecord(inputHash: "", narrator: narrator, model: model, storySHA256: nil)
        record.pending = PendingWrite(file: file, sha256: sha256, inputHash: inputHash, narrator: narrator, model: model)
        return record
    }

    /// The record with its pending write settled, given the SHA-256 of the pending file as it is
    /// now (nil when missing): taken when the file holds the pending bytes (the write landed
    /// before the run was killed), dropped otherwise.
    public func settled(pendingFileSHA256: String?) -> GenerationRecord {
        guard let pending else { return self }
        var record = self
        record.pending = nil
        guard pendingFileSHA256 == pending.sha256 else { return record }
        return .written(
            pending.sha256, to: pending.file, inputHash: pending.inputHash, narrator: pending.narrator,
            model: pending.model, previous: record)
    }

    /// The file's name in the trip's folder.
    public static let fileName = ContentDirectory.generationRecordFileName

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
